// Torre's reliability load client: writes contacts through several servers at once and records every write a
// server acknowledged (2xx), so that the suite can check each one is in the database afterwards.
//
//   node reliability/load.mjs --urls http://127.0.0.1:P1,http://127.0.0.1:P2 --token T --seconds S
//        [--workers N] [--acked FILE] [--report FILE] [--timeout-ms MS]
//
// Each write carries its own Idempotency-Key and externalId. Statuses are counted per phase (a line on stdin, e.g.
// "phase outage-immediate", names the phase from then on), with the longest answer of each phase; a request
// with no answer after --timeout-ms counts as a hang.
import { appendFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const urls = args.urls.split(',');
const seconds = Number(args.seconds ?? 30);
const workers = Number(args.workers ?? 8);
const timeoutMs = Number(args['timeout-ms'] ?? 30000);
const ackedFile = args.acked ?? '/dev/null';
writeFileSync(ackedFile, '');

let phase = 'steady';
const phases = {};
const stat = () => (phases[phase] ??= { requests: 0, statuses: {}, hangs: 0, errors: 0, maxMs: 0, retryAfterMissing: 0 });
createInterface({ input: process.stdin }).on('line', line => {
  if (line.startsWith('phase ')) phase = line.slice(6).trim();
});

const deadline = Date.now() + seconds * 1000;
let sequence = 0;

async function worker(n) {
  while (Date.now() < deadline) {
    const url = urls[(sequence++) % urls.length];
    const key = randomUUID();
    const started = Date.now();
    const s = stat();
    s.requests++;
    try {
      const response = await fetch(url + '/v1/contacts', {
        method: 'POST',
        headers: { 'Authorization': 'Bearer ' + args.token, 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify({ firstName: 'Load', lastName: 'W' + n, externalId: 'rel-' + key }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      s.statuses[response.status] = (s.statuses[response.status] ?? 0) + 1;
      if (response.status >= 200 && response.status < 300) {
        appendFileSync(ackedFile, JSON.parse(text).id + '\n');
      } else if (response.status === 503) {
        if (!response.headers.get('retry-after')) s.retryAfterMissing++;
        await new Promise(r => setTimeout(r, 200)); // a polite client backs off a little
      }
    } catch (e) {
      if (e.name === 'TimeoutError') s.hangs++; else s.errors++;
      await new Promise(r => setTimeout(r, 200));
    }
    s.maxMs = Math.max(s.maxMs, Date.now() - started);
  }
}

await Promise.all(Array.from({ length: workers }, (_, n) => worker(n)));
const report = JSON.stringify({ workers, seconds, phases }, null, 2);
if (args.report) writeFileSync(args.report, report);
console.log(report);
process.exit(0);
