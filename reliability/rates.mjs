// Torre's cross-instance rate check (reliability/run): several packaged instances hammered at once by one tenant and
// by one API client; the requests admitted in each window must stay within the documented band
// (limit − instances × lease … limit, README "Rate limits across instances"), give or take 20 %.
//
//   node reliability/rates.mjs --urls U1,U2 --token T --tenant-limit L --tenant-window-s W
//        --client-token ADMIN_T_OF_ANOTHER_TENANT --client-rate R [--client-pace P] [--lease-parts 20] [--windows 3] [--workers 12]
//        [--report FILE]
//
// A request counts in the window its midpoint (half-way between sending and the answer) falls in; only the windows
// the hammering covers entirely are judged. Every 429 must carry Retry-After.
import { writeFileSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const urls = args.urls.split(',');
const leaseParts = Number(args['lease-parts'] ?? 20);
const windows = Number(args.windows ?? 3);
const workers = Number(args.workers ?? 12);

async function call(url, init = {}) {
  const r = await fetch(url, { ...init, signal: AbortSignal.timeout(30000) });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${init.method ?? 'GET'} ${url}: ${r.status} ${text}`);
  return JSON.parse(text);
}

// an API client with its own rate, in a tenant of its own (so the tenant's limit does not mix in)
const client = await call(urls[0] + '/v1/api-clients', {
  method: 'POST', headers: { 'Authorization': 'Bearer ' + args['client-token'], 'Content-Type': 'application/json' },
  body: JSON.stringify({ name: 'rate check', scopes: ['contacts:read'], roles: ['admin'], rateLimit: Number(args['client-rate']) }),
});
const issued = await call(urls[0] + '/v1/oauth/token', {
  method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
});

/**
 * Hammers the instances with `token` from `from` to `to` (epoch ms), as fast as the workers go or, with `pace`, at
 * that many requests a second; answers each request's midpoint and status.
 */
async function hammer(token, from, to, pace) {
  const seen = [];
  let n = 0;
  await new Promise(r => setTimeout(r, from - Date.now()));
  await Promise.all(Array.from({ length: workers }, async () => {
    while (Date.now() < to) {
      const k = n++;
      const url = urls[k % urls.length];
      if (pace) {
        const slot = from + k * 1000 / pace;
        if (slot >= to) break;
        if (slot > Date.now()) await new Promise(r => setTimeout(r, slot - Date.now()));
      }
      const sent = Date.now();
      try {
        const r = await fetch(url + '/v1/contacts?limit=1', { headers: { 'Authorization': 'Bearer ' + token }, signal: AbortSignal.timeout(30000) });
        await r.arrayBuffer();
        seen.push({ at: (sent + Date.now()) / 2, status: r.status, retryAfter: r.headers.get('retry-after') !== null });
      } catch (e) {
        seen.push({ at: (sent + Date.now()) / 2, status: e.name, retryAfter: false });
      }
    }
  }));
  return seen;
}

/** Per whole window inside [from, to): the admitted (non-429) count, judged against the band. */
function judge(seen, limit, windowMs, from, to) {
  const lease = Math.max(1, Math.floor(limit / leaseParts));
  const low = limit - urls.length * lease;
  const band = { documented: [low, limit], tolerated: [Math.floor(low * 0.8), Math.ceil(limit * 1.2)] };
  const perWindow = [];
  for (let w = from; w + windowMs <= to; w += windowMs) {
    const inWindow = seen.filter(s => s.at >= w && s.at < w + windowMs);
    const admitted = inWindow.filter(s => s.status !== 429).length;
    perWindow.push({ admitted, refused: inWindow.length - admitted });
  }
  const statuses = {};
  seen.forEach(s => statuses[s.status] = (statuses[s.status] ?? 0) + 1);
  // a window is judged when the demand passed the limit (some were refused): a machine too busy to push the
  // instances that far says nothing about the limit, and is reported as such
  const judged = perWindow.filter(p => p.refused > 0);
  const ok = judged.every(p => p.admitted >= band.tolerated[0] && p.admitted <= band.tolerated[1])
    && seen.every(s => s.status !== 429 || s.retryAfter) && !statuses['500'];
  return { limit, windowSeconds: windowMs / 1000, lease, instances: urls.length, band, perWindow, judgedWindows: judged.length, statuses,
    retryAfterMissing: seen.filter(s => s.status === 429 && !s.retryAfter).length, ok };
}

// both start on a boundary of the longer window (windows are aligned to the epoch) and run `windows` of it
const tenantMs = Number(args['tenant-window-s']) * 1000;
const from = Math.ceil((Date.now() + 1500) / tenantMs) * tenantMs;
const to = from + windows * tenantMs;
// the client is paced below its tenant's own limit (which its requests also draw on), at 2.5 times its rate
const clientPace = Number(args['client-pace'] ?? Number(args['client-rate']) * 2.5);
const [tenantSeen, clientSeen] = await Promise.all([hammer(args.token, from, to), hammer(issued.access_token, from, to, clientPace)]);
const result = {
  clientPacePerSecond: clientPace,
  tenant: judge(tenantSeen, Number(args['tenant-limit']), tenantMs, from, to),
  client: judge(clientSeen, Number(args['client-rate']), 1000, from, to),
};
result.ok = result.tenant.ok && result.client.ok;
const report = JSON.stringify(result, null, 2);
if (args.report) writeFileSync(args.report, report);
console.log(report);
process.exit(result.ok ? 0 : 1);
