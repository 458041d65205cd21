// Torre's abuse checks (reliability/run --full): hostile requests are refused fast, and a normal request's latency
// while they run stays close to its idle value.
//
//   node reliability/abuse.mjs --url http://127.0.0.1:P --token T [--report FILE]
import { writeFileSync } from 'node:fs';
import net from 'node:net';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const url = args.url;
const auth = { 'Authorization': 'Bearer ' + args.token };

async function timed(path, init = {}) {
  const started = performance.now();
  try {
    const r = await fetch(url + path, { ...init, headers: { ...auth, ...(init.headers ?? {}) }, signal: AbortSignal.timeout(30000) });
    await r.arrayBuffer();
    return { status: r.status, ms: performance.now() - started };
  } catch (e) {
    return { status: e.name, ms: performance.now() - started };
  }
}
const graphql = q => timed('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: q }) });
const p99 = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]; };
async function normalLatencies(n) {
  const ms = [];
  for (let i = 0; i < n; i++) ms.push((await timed('/v1/contacts?limit=10')).ms);
  return ms;
}

const results = {};
results.idleP99Ms = p99(await normalLatencies(100));

// GraphQL bombs: deep nesting, thousands of aliases, a batch of many operations
let deep = 'id'; for (let i = 0; i < 40; i++) deep = `contacts { edges { node { ${deep} } } }`;
results.depthBomb = await graphql(`{ ${deep} }`);
results.aliasBomb = await graphql('{ ' + Array.from({ length: 5000 }, (_, i) => `a${i}: contacts { edges { node { id } } }`).join(' ') + ' }');
results.batchBomb = await timed('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ contacts { edges { node { id } } } }' }))) });
// a 10 MB body
results.tenMegabyteBody = await timed('/v1/contacts', { method: 'POST', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ firstName: 'x'.repeat(10 * 1024 * 1024) }) });

// slow loris: 200 connections that send a header line every few seconds, while normal requests are timed
const { port, hostname } = new URL(url);
const sockets = Array.from({ length: 200 }, () => {
  const s = net.connect(Number(port), hostname, () => s.write('GET /v1/contacts HTTP/1.1\r\nHost: x\r\n'));
  s.on('error', () => {});
  return s;
});
const drip = setInterval(() => sockets.forEach(s => s.writable && s.write('X-Slow: 1\r\n')), 2000);
// 10,000 distinct forged cursors, in parallel with the normal requests
const cursorStatuses = {};
const cursors = (async () => {
  for (let i = 0; i < 10000; i += 50) {
    const batch = await Promise.all(Array.from({ length: 50 }, (_, j) =>
      timed('/v1/contacts?cursor=' + Buffer.from('forged-' + (i + j)).toString('base64url'))));
    batch.forEach(r => cursorStatuses[r.status] = (cursorStatuses[r.status] ?? 0) + 1);
  }
})();
const underAttack = await normalLatencies(200);
await cursors;
clearInterval(drip);
results.slowLorisOpen = sockets.filter(s => !s.destroyed).length;
sockets.forEach(s => s.destroy());
results.forgedCursors = cursorStatuses;
results.underAttackP99Ms = p99(underAttack);
results.p99Ratio = results.underAttackP99Ms / results.idleP99Ms;

const report = JSON.stringify(results, null, 2);
if (args.report) writeFileSync(args.report, report);
console.log(report);
