// Torre's reliability load client: writes contacts through several servers at once and records every write a
// server acknowledged (2xx), so that the suite can check each one is in the database afterwards.
//
//   node reliability/load.mjs --urls http://127.0.0.1:P1,http://127.0.0.1:P2 --token T[,T2,...] --seconds S
//        [--workers N] [--acked FILE] [--report FILE] [--timeout-ms MS] [--rate R] [--mix]
//
// Each write carries its own Idempotency-Key and externalId. Statuses are counted per phase (a line on stdin, e.g.
// "phase outage-immediate", names the phase from then on), with the longest answer of each phase; a request
// with no answer after --timeout-ms counts as a hang. Several tokens (tenants) share the requests in turn.
// --rate paces all workers together to R requests a second (open loop: a slow answer does not slow the schedule
// while a worker is free); without it each worker sends as fast as it is answered. --mix makes every third request a
// write and the others reads (the worker's last contact by id, and a page of 20), as a partner's sync would.
import { appendFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1] === undefined || all[i + 1].startsWith('--') ? 'true' : all[i + 1]]] : pairs, []));
const urls = args.urls.split(',');
const tokens = args.token.split(',');
const seconds = Number(args.seconds ?? 30);
const workers = Number(args.workers ?? 8);
const timeoutMs = Number(args['timeout-ms'] ?? 30000);
const rate = args.rate ? Number(args.rate) : 0;
const mix = args.mix === 'true';
const ackedFile = args.acked ?? '/dev/null';
writeFileSync(ackedFile, '');

let phase = 'steady';
const phases = {};
const stat = () => (phases[phase] ??= { requests: 0, statuses: {}, hangs: 0, errors: 0, maxMs: 0, retryAfterMissing: 0, ms: [] });
createInterface({ input: process.stdin }).on('line', line => {
  if (line.startsWith('phase ')) phase = line.slice(6).trim();
});

const began = Date.now();
const deadline = began + seconds * 1000;
let sequence = 0;
let scheduled = 0;

/** Waits for this request's slot of the shared schedule (no wait without --rate). */
async function slot() {
  if (!rate) return true;
  const at = began + (scheduled++) * 1000 / rate;
  if (at >= deadline) return false;
  const wait = at - Date.now();
  if (wait > 0) await new Promise(r => setTimeout(r, wait));
  return true;
}

async function worker(n) {
  let last = null; // { url, token, id } of this worker's last write
  let turn = 0;
  while (Date.now() < deadline && await slot()) {
    const url = urls[sequence % urls.length];
    const token = tokens[Math.floor(sequence / urls.length) % tokens.length];
    sequence++;
    const kind = !mix || !last ? 'write' : ['write', 'read', 'list'][turn % 3];
    turn++;
    const key = randomUUID();
    const started = Date.now();
    const s = stat();
    s.requests++;
    try {
      const init = kind === 'write'
        ? { method: 'POST', headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json', 'Idempotency-Key': key },
            body: JSON.stringify({ firstName: 'Load', lastName: 'W' + n, externalId: 'rel-' + key }) }
        : { headers: { 'Authorization': 'Bearer ' + last.token } };
      const target = kind === 'write' ? url + '/v1/contacts' : kind === 'read' ? last.url + '/v1/contacts/' + last.id : url + '/v1/contacts?limit=20';
      if (kind === 'list') init.headers.Authorization = 'Bearer ' + last.token;
      const response = await fetch(target, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      const text = await response.text();
      s.statuses[response.status] = (s.statuses[response.status] ?? 0) + 1;
      if (response.status >= 200 && response.status < 300) {
        if (kind === 'write') {
          const id = JSON.parse(text).id;
          appendFileSync(ackedFile, id + '\n');
          last = { url, token, id };
        }
      } else if (response.status === 503) {
        if (!response.headers.get('retry-after')) s.retryAfterMissing++;
        await new Promise(r => setTimeout(r, 200)); // a polite client backs off a little
      }
    } catch (e) {
      if (e.name === 'TimeoutError') s.hangs++; else s.errors++;
      await new Promise(r => setTimeout(r, 200));
    }
    const ms = Date.now() - started;
    s.maxMs = Math.max(s.maxMs, ms);
    s.ms.push(ms);
  }
}

await Promise.all(Array.from({ length: workers }, (_, n) => worker(n)));
const elapsed = (Date.now() - began) / 1000;
const pct = (xs, p) => { const v = [...xs].sort((a, b) => a - b); return v.length ? v[Math.min(v.length - 1, Math.floor(v.length * p))] : null; };
for (const p of Object.values(phases)) {
  p.p50Ms = pct(p.ms, 0.5); p.p99Ms = pct(p.ms, 0.99);
  p.ok = Object.entries(p.statuses).filter(([st]) => st.startsWith('2')).reduce((a, [, c]) => a + c, 0);
  delete p.ms;
}
const total = Object.values(phases).reduce((a, p) => a + p.requests, 0);
const ok = Object.values(phases).reduce((a, p) => a + p.ok, 0);
const report = JSON.stringify({ workers, seconds, rate: rate || null, mix, tenants: tokens.length, elapsedSeconds: elapsed,
  requestsPerSecond: total / elapsed, okPerSecond: ok / elapsed, phases }, null, 2);
if (args.report) writeFileSync(args.report, report);
console.log(report);
process.exit(0);
