// Torre's abuse checks (reliability/run --full): hostile requests are refused fast, and a normal request's latency
// while they run stays close to its idle value. The machine may be busy with other work, so idle and attack are
// measured in the same window, interleaved: --rounds pairs of an idle slice and an attack slice of --slice-s seconds
// each, with the same normal client (GET a contact by id, one request at a time, so that it never queues work of
// its own on a slow server, and at most 20 a second, below its tenant's limit) through both. Each attack kind keeps
// one request in flight (forged cursors four), the slow-loris 200 connections.
//
//   node reliability/abuse.mjs --url http://127.0.0.1:P --token T --attack-tokens B,C,D [--report FILE]
//        [--rounds 6] [--slice-s 10] [--cursors 10000] [--loris-grace-s 10]
//        [--kinds depth,alias,batch,body,chunked,cursor,loris] [--nice N] [--server-pids P,Q]
//
// Three processes: this one keeps the time, the normal client runs in a process of its own, and so do the attackers,
// so that neither's work in Node delays the other's requests here rather than at the server. The attackers share the
// machine's two cores with the server; --nice N (N > 0) makes every second attack slice come from attackers started
// with `nice -n N`, so the run reports the normal client's p99 under attackers that compete with the server for the
// CPU as equals, and under attackers that yield it: the second is closer to what the server's refusals cost. --kinds
// runs only some attacks (to see which one hurts).
//
// Where the machine's CPU went in each kind of slice is reported too (`cpu`, in % of all cores, from /proc): the
// server processes (--server-pids), the attackers, the normal client, and the rest (PostgreSQL, everything else), so
// that a ratio can be read against how busy the attack made the machine and who made it so.
//
// Attackers are other tenants (B: GraphQL bombs and 10 MB bodies, C: forged cursors, D: slow-loris), so a tenant's own
// rate limit does not hide the normal client's latency; what the attackers get (status, longest answer) is reported
// per kind.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const url = args.url;
const KINDS = ['depth', 'alias', 'batch', 'body', 'chunked', 'cursor', 'loris'];
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))] : null; };
const self = fileURLToPath(import.meta.url);
const TICKS_PER_SECOND = 100; // USER_HZ, the unit of /proc's CPU times on Linux

if (args.role === 'normal') await normalClient();
else if (args.role === 'attacker') await attacker();
else await coordinator();

/** The normal client: one read at a time, its latencies kept per condition the coordinator names. */
async function normalClient() {
  const token = args.token;
  let condition = 'idle';
  process.on('message', m => { condition = m; });
  const latencies = {};
  const statuses = {};
  // one contact of its own, read by id (a list would soon meet the bulk-read guard: 1,000 records an hour at night)
  // the tenant may still be at its rate limit from the writes before: wait out a 429 as a client would
  let created;
  for (let tries = 0; !created && tries < 20; tries++) {
    const r = await fetch(url + '/v1/contacts', { method: 'POST', body: JSON.stringify({ firstName: 'Normal' }),
      headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json' } });
    const body = await r.json();
    if (r.status === 201) created = body;
    else await new Promise(done => setTimeout(done, 1000 * Number(r.headers.get('retry-after') ?? 1)));
  }
  if (!created) throw new Error('the normal client could not create its contact');
  process.send({ ready: true });
  while (condition !== 'stop') {
    const during = condition;
    const started = performance.now();
    let status;
    try {
      const r = await fetch(url + '/v1/contacts/' + created.id, { headers: { 'Authorization': 'Bearer ' + token }, signal: AbortSignal.timeout(30000) });
      await r.arrayBuffer();
      status = r.status;
    } catch (e) {
      status = e.name;
    }
    statuses[status] = (statuses[status] ?? 0) + 1;
    const took = performance.now() - started;
    // one that spans a change of slice counts for neither; only reads answered 200 are timed (a 429 is not the read)
    if (status === 200 && during === condition && during !== 'stop') (latencies[during] ??= []).push(took);
    // at most 20 reads a second, below the instances' tenant limit (40/s): on a quiet machine the client would
    // otherwise meet its own tenant's limit and time 429s
    if (took < 50) await new Promise(r => setTimeout(r, 50 - took));
  }
  process.send({ latencies, statuses });
  process.disconnect();
}

/** The attackers: on each message {until}, every chosen attack kind runs until then; answers the slow-loris tally. */
async function attacker() {
  const [bombToken, cursorToken, lorisToken] = args['attack-tokens'].split(',');
  const kinds = new Set(args.kinds.split(','));
  const cursorTotal = Number(args.cursors);
  const rounds = Number(args.rounds);
  const lorisGraceMs = Number(args['loris-grace-s']) * 1000;
  const attacks = {};
  const record = (kind, r) => {
    const a = (attacks[kind] ??= { count: 0, statuses: {}, maxMs: 0 });
    a.count++; a.statuses[r.status] = (a.statuses[r.status] ?? 0) + 1; a.maxMs = Math.max(a.maxMs, Math.round(r.ms));
  };
  async function timed(path, token, init = {}) {
    const started = performance.now();
    try {
      const r = await fetch(url + path, { ...init, headers: { 'Authorization': 'Bearer ' + token, ...(init.headers ?? {}) },
        signal: AbortSignal.timeout(30000) });
      const text = await r.text();
      // a GraphQL refusal is a 200 with errors and no data: counted apart from an answered query
      const refused = path === '/graphql' && r.status === 200 && /^\s*\{\s*"errors"/.test(text) && !/"data"\s*:\s*\{/.test(text);
      return { status: refused ? '200 errors' : r.status, ms: performance.now() - started };
    } catch (e) {
      return { status: e.name, ms: performance.now() - started };
    }
  }
  let deep = 'id'; for (let i = 0; i < 40; i++) deep = `contacts { edges { node { ${deep} } } }`;
  const depthBomb = JSON.stringify({ query: `{ ${deep} }` });
  const aliasBomb = JSON.stringify({ query: '{ ' + Array.from({ length: 5000 }, (_, i) => `a${i}: contacts { edges { node { id } } }`).join(' ') + ' }' });
  const batchBomb = JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ contacts { edges { node { id } } } }' })));
  const tenMegabytes = Buffer.from(JSON.stringify({ firstName: 'x'.repeat(10 * 1024 * 1024) }));
  const json = { 'Content-Type': 'application/json' };
  let cursorsSent = 0;

  /** A 10 MB body sent without a length (chunked), which only the reading can stop. */
  function chunkedBody() {
    const { port, hostname } = new URL(url);
    const started = performance.now();
    return new Promise(resolve => {
      let head = '';
      const s = net.connect(Number(port), hostname, () => {
        s.write(`POST /v1/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${bombToken}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
        const piece = Buffer.alloc(64 * 1024, 'x');
        let sent = 0;
        const pump = () => {
          while (sent < 10 * 1024 * 1024 && !s.destroyed) {
            sent += piece.length;
            // a chunk's three parts are written together (write() queues what the buffer cannot take yet): stopping
            // after a part the buffer refused sent broken framing, which the server dropped before the cap
            s.write(piece.length.toString(16) + '\r\n');
            s.write(piece);
            if (!s.write('\r\n')) { s.once('drain', pump); return; }
          }
          if (!s.destroyed) s.write('0\r\n\r\n');
        };
        s.write('6\r\n{"a":"\r\n');
        pump();
      });
      let answered = false;
      const done = status => { if (!answered) { answered = true; s.destroy(); resolve({ status, ms: performance.now() - started }); } };
      const status = () => { const m = head.match(/^HTTP\/1\.1 (\d+)/); return m ? Number(m[1]) : null; };
      s.on('data', d => { head += d.toString('latin1'); if (status()) done(status()); });
      // the server may close while this side still writes: the answer it sent first is still read before 'close'
      s.on('error', () => {});
      // (a close with the body's rest unread is a reset, which may drop the answer before it is read here)
      s.on('close', () => done(status() ?? 'reset before an answer was read'));
      s.setTimeout(30000, () => done('TimeoutError'));
    });
  }

  async function slice(until) {
    const { port, hostname } = new URL(url);
    // slow loris: 200 connections that each send a header line every 2 s and never finish their request; each notes
    // whether the server answered it 408 and closed it (the header deadline, torre.http.header-deadline)
    const sockets = !kinds.has('loris') ? [] : Array.from({ length: 200 }, () => {
      const s = net.connect(Number(port), hostname, () => s.write(`GET /v1/contacts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${lorisToken}\r\n`));
      s.answer = '';
      s.on('data', d => { s.answer += d.toString('latin1'); });
      s.on('end', () => { s.closedByServer = true; });
      s.on('error', () => { s.closedByServer = true; });
      return s;
    });
    const drip = setInterval(() => sockets.forEach(s => s.writable && s.write('X-Slow: 1\r\n')), 2000);
    const loop = async (kind, once) => { if (kinds.has(kind)) while (performance.now() < until) record(kind, await once()); };
    const perSlice = Math.ceil(cursorTotal / rounds);
    const cursorLoop = async () => {
      let mine = 0;
      while (kinds.has('cursor') && performance.now() < until && mine < perSlice && cursorsSent < cursorTotal) {
        const batch = Math.min(4, perSlice - mine);
        const rs = await Promise.all(Array.from({ length: batch }, () => {
          const c = cursorsSent++;
          return timed('/v1/contacts?cursor=' + Buffer.from('forged-' + c + '-' + Math.random()).toString('base64url'), cursorToken);
        }));
        mine += batch;
        rs.forEach(r => record('forgedCursor', r));
      }
    };
    await Promise.all([
      loop('depth', () => timed('/graphql', bombToken, { method: 'POST', headers: json, body: depthBomb })),
      loop('alias', () => timed('/graphql', bombToken, { method: 'POST', headers: json, body: aliasBomb })),
      loop('batch', () => timed('/graphql', bombToken, { method: 'POST', headers: json, body: batchBomb })),
      loop('body', () => timed('/v1/contacts', bombToken, { method: 'POST', headers: json, body: tenMegabytes })),
      loop('chunked', chunkedBody),
      cursorLoop(),
    ]);
    const left = until - performance.now();
    if (left > 0) await new Promise(r => setTimeout(r, left));
    // the dripping goes on past the slice until the server has closed every slow connection, or for lorisGraceMs more
    // (the deadline counts from each connection's opening, at the slice's start)
    const graceEnd = performance.now() + lorisGraceMs;
    while (performance.now() < graceEnd && sockets.some(s => !s.closedByServer)) await new Promise(r => setTimeout(r, 100));
    clearInterval(drip);
    const result = { open: sockets.filter(s => !s.closedByServer).length, answered408: sockets.filter(s => /^HTTP\/1\.1 408 /.test(s.answer)).length };
    sockets.forEach(s => s.destroy());
    return result;
  }

  process.on('message', async m => {
    if (m.stop) {
      process.send({ attacks, cursorsSent });
      process.disconnect();
      return;
    }
    // the coordinator's clock and this one are the same machine's; a slice lasts sliceMs from when it is asked for
    process.send({ loris: await slice(performance.now() + m.sliceMs) });
  });
  process.send({ ready: true });
}

/** CPU time (clock ticks) a process has used so far; 0 once it is gone. */
function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  } catch {
    return 0;
  }
}

/** Busy clock ticks of the whole machine so far (all cores; idle and I/O wait left out). */
function machineTicks() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return values.slice(0, 8).reduce((a, b) => a + b, 0) - values[3] - values[4];
}

async function coordinator() {
  const rounds = Number(args.rounds ?? 6);
  const sliceMs = Number(args['slice-s'] ?? 10) * 1000;
  const nice = Number(args.nice ?? 0);
  const kinds = (args.kinds ?? KINDS.join(',')).split(',');
  const unknown = kinds.filter(k => !KINDS.includes(k));
  if (unknown.length) throw new Error('unknown attack kinds: ' + unknown.join(', ') + ' (known: ' + KINDS.join(', ') + ')');
  const attackTokens = (args['attack-tokens'] ?? args.token).split(',').concat([args.token, args.token]).slice(0, 3).join(',');
  const common = ['--url', url, '--rounds', String(rounds), '--cursors', String(args.cursors ?? 10000),
    '--loris-grace-s', String(args['loris-grace-s'] ?? 10), '--kinds', kinds.join(','), '--attack-tokens', attackTokens];
  /** A child process of this script in a role, answering its messages through a queue. */
  const child = (role, niceness) => {
    const c = fork(self, ['--role', role, '--token', args.token, ...common], niceness > 0
      ? { execPath: 'nice', execArgv: ['-n', String(niceness), process.execPath, ...process.execArgv] } : {});
    const inbox = [], waiting = [];
    c.on('message', m => (waiting.length ? waiting.shift()(m) : inbox.push(m)));
    c.next = () => (inbox.length ? Promise.resolve(inbox.shift()) : new Promise(r => waiting.push(r)));
    return c;
  };
  // flavours of attack slice, taken in turn: attackers as the server's equals, and (with --nice) attackers that yield
  const flavours = nice > 0 ? ['attack', 'attackNiced'] : ['attack'];
  const attackers = { attack: child('attacker', 0) };
  if (nice > 0) attackers.attackNiced = child('attacker', nice);
  const normal = child('normal', 0);
  for (const c of [normal, ...Object.values(attackers)]) await c.next(); // ready
  const serverPids = (args['server-pids'] ?? '').split(',').filter(Boolean);
  const groups = { servers: serverPids, attackers: Object.values(attackers).map(c => c.pid), normalClient: [normal.pid] };
  const sample = () => ({ at: performance.now(), machine: machineTicks(),
    ...Object.fromEntries(Object.entries(groups).map(([g, pids]) => [g, pids.reduce((sum, pid) => sum + processTicks(pid), 0)])) });
  const cpu = {}; // per condition: the ticks each group used and the milliseconds it lasted
  const account = (condition, from, to) => {
    const c = (cpu[condition] ??= { ms: 0, machine: 0, servers: 0, attackers: 0, normalClient: 0 });
    for (const k of Object.keys(c)) c[k] += k === 'ms' ? to.at - from.at : to[k] - from[k];
  };
  const slowLoris = {};
  const began = performance.now();
  for (let round = 0; round < rounds; round++) {
    normal.send('idle');
    const idleFrom = sample();
    await new Promise(r => setTimeout(r, sliceMs));
    const flavour = flavours[round % flavours.length];
    const attackFrom = sample();
    account('idle', idleFrom, attackFrom);
    normal.send(flavour);
    attackers[flavour].send({ sliceMs });
    (slowLoris[flavour] ??= []).push((await attackers[flavour].next()).loris);
    account(flavour, attackFrom, sample()); // (the slice and its slow-loris grace)
  }
  normal.send('idle');
  const lastFrom = sample();
  await new Promise(r => setTimeout(r, sliceMs)); // a last idle slice, so that attack slices sit between idle ones
  account('idle', lastFrom, sample());
  normal.send('stop');
  const { latencies, statuses: normalStatuses } = await normal.next();
  const attacks = {};
  let cursorsSent = 0;
  for (const [flavour, c] of Object.entries(attackers)) {
    c.send({ stop: true });
    const r = await c.next();
    attacks[flavour] = r.attacks;
    cursorsSent += r.cursorsSent;
  }
  const ms = xs => ({ requests: (xs ?? []).length, p50Ms: pct(xs ?? [], 0.5), p99Ms: pct(xs ?? [], 0.99) });
  const normal_ = { statuses: normalStatuses, idle: ms(latencies.idle) };
  for (const f of flavours) normal_[f] = { ...ms(latencies[f]), p99Ratio: pct(latencies[f] ?? [], 0.99) / pct(latencies.idle ?? [], 0.99) };
  const results = {
    rounds, sliceSeconds: sliceMs / 1000, seconds: Math.round((performance.now() - began) / 1000), kinds,
    attackerNice: nice > 0 ? nice : undefined, normal: normal_, attacks, forgedCursorsSent: cursorsSent,
    // per attack slice: slow-loris connections the server had not closed by the slice's end plus the grace, and how many got a 408
    slowLorisStillOpen: Object.values(slowLoris).flat().map(r => r.open), slowLorisAnswered408: Object.values(slowLoris).flat().map(r => r.answered408),
    // % of all the machine's cores per kind of slice: busy in all, and the servers', attackers' and normal client's share
    cpu: Object.fromEntries(Object.entries(cpu).map(([condition, c]) => {
      const pct = ticks => (ticks / TICKS_PER_SECOND) / (c.ms / 1000) / os.availableParallelism() * 100;
      return [condition, { machineBusyPct: pct(c.machine), serversPct: serverPids.length ? pct(c.servers) : undefined,
        attackersPct: pct(c.attackers), normalClientPct: pct(c.normalClient), othersPct: pct(c.machine - c.servers - c.attackers - c.normalClient) }];
    })),
  };
  // judged on attackers that compete for the CPU as the server's equals, the harder of the two
  results.p99Ratio = normal_.attack.p99Ratio;
  results.ok = results.p99Ratio <= 2 && Object.values(slowLoris).flat().every(r => r.open === 0) && Object.keys(normalStatuses).every(s => s === '200')
    && Object.values(attacks).every(byKind => Object.values(byKind).every(a => Object.keys(a.statuses).every(s => /^[24]\d\d/.test(s)))); // refused, or answered: never a 5xx or a hang
  const report = JSON.stringify(results, (k, v) => typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 10) / 10 : v, 2);
  if (args.report) writeFileSync(args.report, report);
  console.log(report);
}
