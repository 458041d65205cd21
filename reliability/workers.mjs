// Torre's shared background work check (reliability/run --workers): three packaged instances on one database are
// given background work of every kind — webhook deliveries to a receiver here on loopback, a segment backfill,
// import jobs, workflow runs with a wait step, a full rescore — then two of them are killed with SIGKILL mid-work,
// one after the other. The last one must finish everything, and nothing may be done twice.
//
//   node reliability/workers.mjs --urls U1,U2,U3 --pids P1,P2,P3 --token T --psql WRAPPER
//        [--lease-s 15] [--seed 2000] [--imports 3] [--rows 1000] [--flow-every 50] [--deadline-s 240] [--report FILE]
//
// WRAPPER runs psql as a superuser against the suite's database (`WRAPPER -c SQL` prints the rows). The checks read
// the database and the receiver's own count; every figure goes into the report.
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import http from 'node:http';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const urls = args.urls.split(',');
const pids = args.pids.split(',').map(Number);
const leaseS = Number(args['lease-s'] ?? 15);
const seed = Number(args.seed ?? 2000);
const imports = Number(args.imports ?? 3);
const rows = Number(args.rows ?? 1000);
const flowEvery = Number(args['flow-every'] ?? 50);
const deadlineS = Number(args['deadline-s'] ?? 240);
const tenant = 'workers';
const t0 = Date.now();
const log = m => process.stderr.write(`${new Date().toISOString().slice(11, 19)} workers: ${m}\n`);
const sql = q => execFileSync(args.psql, ['-c', q], { encoding: 'utf8' }).trim();
const one = q => Number(sql(q));
const sleep = ms => new Promise(r => setTimeout(r, ms));

// a polite client: a 503 (the database busy or away; nothing was changed) is retried after its Retry-After
const retried = {};
async function api(method, path, body, type = 'application/json', url = urls[2]) {
  for (let attempt = 1; ; attempt++) {
    const r = await fetch(url + path, {
      method, headers: { 'Authorization': 'Bearer ' + args.token, ...(body === undefined ? {} : { 'Content-Type': type }) },
      body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
      signal: AbortSignal.timeout(60000),
    });
    const text = await r.text();
    if (r.status === 503 && attempt < 10) {
      const key = `${method} ${path.split('?')[0].replace(/[0-9a-f-]{36}/g, '{id}')}`;
      retried[key] = (retried[key] ?? 0) + 1;
      log(`${key}: 503 ${JSON.parse(text).type}, retried`);
      await sleep(1000 * Number(r.headers.get('retry-after') ?? 1));
      continue;
    }
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
}

// --- the receiver: counts each webhook-id per subscription (path), answers 200 after a short pause ------------------
const received = new Map(); // "path id" -> [times]
const receiver = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const key = req.url + ' ' + req.headers['webhook-id'];
    if (!received.has(key)) received.set(key, []);
    received.get(key).push(Date.now());
    setTimeout(() => { res.writeHead(200); res.end(); }, 20);
  });
});
await new Promise(r => receiver.listen(0, '127.0.0.1', r));
const hook = path => `http://127.0.0.1:${receiver.address().port}${path}`;

// --- the work -------------------------------------------------------------------------------------------------
log('subscriptions, a workflow, seed contacts');
const subA = await api('POST', '/v1/webhooks', { url: hook('/created'), eventTypes: ['contact.created'] });
const subB = await api('POST', '/v1/webhooks', { url: hook('/flow'), eventTypes: ['workflow.webhook'] });
const flow = await api('POST', '/v1/workflows', {
  name: 'reliability flow', trigger: { type: 'event', event: 'contact.created', filter: 'lastName eq "Flow"' },
  steps: [{ type: 'webhook', topic: 'first', data: { id: '{{id}}' } }, { type: 'wait', duration: 'PT5S' },
    { type: 'webhook', topic: 'second', data: { id: '{{id}}' } }],
});
for (let i = 0; i < seed; i += 1000) {
  await api('POST', '/v1/contacts/batch/upsert', { matchOn: 'externalId', items: Array.from({ length: Math.min(1000, seed - i) },
    (_, j) => ({ externalId: `seed-${i + j}`, firstName: 'S' + (i + j), lastName: 'Seed' })) });
}
log('a segment backfill, a full rescore, import jobs');
const segment = await api('POST', '/v1/segments', { name: 'reliability', objectType: 'contact', filter: 'lastName eq "Seed" or lastName eq "Imp"' });
await api('POST', '/v1/scoring/recompute');
const jobs = [];
for (let j = 0; j < imports; j++) {
  const csv = ['externalId,firstName,lastName',
    ...Array.from({ length: rows }, (_, i) => `imp-${j}-${i},I${i},${i % flowEvery === 0 ? 'Flow' : 'Imp'}`)].join('\n') + '\n';
  jobs.push((await api('POST', '/v1/imports?objectType=contact&matchOn=externalId', csv, 'text/csv', urls[j % urls.length])).id);
}
const flowRows = imports * Math.ceil(rows / flowEvery);
const expectedContacts = seed + imports * rows;

// --- progress, sampled: import rows processed over time (a stall after a kill is a lease being waited out) -----
const samples = [];
const importProgress = () => sql(`select id, status, processed from import_job where tenant_id = '${tenant}' order by id`)
  .split('\n').filter(Boolean).map(l => l.split('|')).map(([id, status, processed]) => ({ id, status, processed: Number(processed) }));
let sampling = true;
const sampler = (async () => {
  while (sampling) { samples.push({ at: Date.now(), jobs: importProgress() }); await sleep(500); }
})();

// --- the kills: the first when the imports are under way, the second 8 s later ---------------------------------
const kills = [];
for (let i = 0; i < 120 && !importProgress().some(j => j.status === 'running' && j.processed > 0); i++) await sleep(250);
for (const victim of [0, 1]) {
  if (victim === 1) await sleep(8000);
  const state = { imports: importProgress(), pendingDeliveries: one(`select count(*) from webhook_delivery where tenant_id = '${tenant}' and status = 'pending'`),
    runsNotDone: one(`select count(*) from workflow_run where tenant_id = '${tenant}' and status in ('running', 'waiting')`),
    segment: (await api('GET', '/v1/segments/' + segment.id)).status };
  process.kill(pids[victim], 'SIGKILL');
  kills.push({ instance: victim, at: Date.now(), atSecond: (Date.now() - t0) / 1000, state });
  log(`killed instance ${victim} (pid ${pids[victim]}) with SIGKILL: ${JSON.stringify(state)}`);
}

// --- wait until everything is done (or the deadline) ----------------------------------------------------------
const done = async () => {
  const s = sql(`select
      (select count(*) from import_job where tenant_id = '${tenant}' and status not in ('completed', 'failed', 'cancelled')),
      (select count(*) from webhook_delivery where tenant_id = '${tenant}' and status = 'pending'),
      (select count(*) from workflow_run where tenant_id = '${tenant}' and status in ('running', 'waiting')),
      (select count(*) from workflow_run where tenant_id = '${tenant}'),
      (select count(*) from scoring_cursor where tenant_id = '${tenant}' and rescore_pending),
      (select count(*) from contact where tenant_id = '${tenant}' and lead_score is null),
      (select count(*) from contact where tenant_id = '${tenant}' and archived_at is null and last_name in ('Seed', 'Imp')),
      (select count(*) from segment_member where tenant_id = '${tenant}' and segment_id = '${segment.id}')`).split('|');
  const [importsOpen, pending, runsOpen, runs, rescoring, unscored, matching, members] = s;
  const segStatus = (await api('GET', '/v1/segments/' + segment.id)).status;
  return { importsOpen: +importsOpen, pending: +pending, runsOpen: +runsOpen, runs: +runs, segStatus, rescoring: +rescoring,
    unscored: +unscored, matching: +matching, members: +members };
};
const byPath = path => [...received.entries()].filter(([k]) => k.startsWith(path + ' ')).map(([, times]) => times);
let state = await done();
const deadline = Date.now() + deadlineS * 1000;
while (Date.now() < deadline) {
  state = await done();
  if (state.importsOpen === 0 && state.pending === 0 && state.runsOpen === 0 && state.runs >= flowRows && state.segStatus === 'ready'
    && state.rescoring === 0 && state.unscored === 0 && state.members === state.matching
    && byPath('/created').length >= expectedContacts && byPath('/flow').length >= 2 * flowRows) break;
  await sleep(1000);
}
const finishedAt = Date.now();
sampling = false;
await sampler;
await sleep(1500); // a delivery the database shows as delivered has reached the receiver; let the last answers settle

// --- the checks -----------------------------------------------------------------------------------------------
const lastKill = kills[kills.length - 1].at;
const checks = {};
const jobRows = sql(`select status, created, updated, unchanged, failed from import_job where tenant_id = '${tenant}'`).split('\n').map(l => l.split('|'));
checks.importsCompleted = { expected: imports, got: jobRows.filter(r => r[0] === 'completed').length };
checks.importRowsCreated = { expected: imports * rows, got: jobRows.reduce((a, r) => a + Number(r[1]), 0) };
checks.importedContacts = { expected: imports * rows, got: one(`select count(*) from contact where tenant_id = '${tenant}' and external_id like 'imp-%'`) };
checks.contactCreatedTwice = { expected: 0, got: one(`select count(*) from (select entity_id from event_log where tenant_id = '${tenant}' and type = 'contact.created' group by entity_id having count(*) > 1) d`) };
checks.contactCreatedEvents = { expected: expectedContacts, got: one(`select count(*) from event_log where tenant_id = '${tenant}' and type = 'contact.created'`) };
checks.workflowRunsCompleted = { expected: flowRows, got: one(`select count(*) from workflow_run where tenant_id = '${tenant}' and status = 'completed'`) };
checks.workflowRunsPerRecordTwice = { expected: 0, got: one(`select count(*) from (select record_id from workflow_run where tenant_id = '${tenant}' group by record_id having count(*) > 1) d`) };
checks.workflowStepEvents = { expected: 2 * flowRows, got: one(`select count(*) from event_log where tenant_id = '${tenant}' and type = 'workflow.webhook'`) };
checks.workflowStepTwice = { expected: 0, got: one(`select count(*) from (select payload->>'runId', payload->>'topic' from event_log where tenant_id = '${tenant}' and type = 'workflow.webhook' group by 1, 2 having count(*) > 1) d`) };
checks.segmentReady = { expected: 'ready', got: state.segStatus };
checks.segmentMembers = { expected: seed + imports * rows - flowRows, got: state.members };
checks.segmentAnnouncedTwice = { expected: 0, got: one(`select count(*) from (select payload->>'recordId' from event_log where tenant_id = '${tenant}' and type = 'segment.member_added' group by 1 having count(*) > 1) d`) };
checks.segmentAnnounced = { expected: seed + imports * rows - flowRows, got: one(`select count(*) from event_log where tenant_id = '${tenant}' and type = 'segment.member_added'`) };
checks.rescoreFinished = { expected: 0, got: state.rescoring };
checks.contactsUnscored = { expected: 0, got: state.unscored };
checks.deliveriesPending = { expected: 0, got: state.pending };
checks.deliveriesFailed = { expected: 0, got: one(`select count(*) from webhook_delivery where tenant_id = '${tenant}' and status = 'failed'`) };
// the receiver: every event once per subscription; a second copy of one is the documented at-least-once only when
// its first copy arrived while the instance sending it was about to die (no answer recorded): within the read timeout
// before a kill
const resent = times => times.length > 1;
// (a sender records its answers when its claimed batch is done, so a kill can cut off a batch sent over the lease)
const explained = times => kills.some(k => times[0] <= k.at && times[0] > k.at - (leaseS * 1000 + 12000));
for (const [name, path, expected] of [['receiverCreated', '/created', expectedContacts], ['receiverFlow', '/flow', 2 * flowRows]]) {
  const ids = byPath(path);
  checks[name] = { expected, got: ids.length };
  checks[name + 'ResentAfterKill'] = { allowed: true, got: ids.filter(t => resent(t) && explained(t)).length };
  // at-least-once: a claim whose lease ran out while its sender was still busy is sent again by another instance
  checks[name + 'ResentOtherwise'] = { allowed: true, got: ids.filter(t => resent(t) && !explained(t)).length };
}
// a delivery the receiver never saw: is there a delivery row for its event, and in which state (the cause of a loss)
if (checks.receiverCreated.got < checks.receiverCreated.expected) {
  const seen = new Set([...received.keys()].filter(k => k.startsWith('/created ')).map(k => k.slice('/created '.length)));
  const rows = sql(`select message_id, status, attempts, event_seq from webhook_delivery where tenant_id = '${tenant}' and subscription_id = '${subA.id}'`)
    .split('\n').filter(Boolean).map(l => l.split('|'));
  const unseen = rows.filter(r => !seen.has(r[0]));
  checks.receiverCreatedMissingDiagnosis = { allowed: true, got: {
    eventsWithoutDelivery: one(`select count(*) from event_log e where e.tenant_id = '${tenant}' and e.type = 'contact.created' and not exists (select 1 from webhook_delivery d where d.tenant_id = e.tenant_id and d.subscription_id = '${subA.id}' and d.event_seq = e.seq)`),
    unseenByStatus: unseen.reduce((a, r) => ({ ...a, [r[1] + '/' + r[2]]: (a[r[1] + '/' + r[2]] ?? 0) + 1 }), {}),
    unseenSeqs: unseen.slice(0, 5).map(r => r[3]) } };
}
// leases: an import job that stalled at a kill moved again within the lease (plus the worker's 2 s tick and a chunk)
const stalls = [];
for (const k of kills) {
  for (const j of k.state.imports.filter(j => j.status === 'running')) {
    const before = samples.filter(s => s.at <= k.at).at(-1)?.jobs.find(x => x.id === j.id)?.processed ?? j.processed;
    const moved = samples.find(s => s.at > k.at && ((s.jobs.find(x => x.id === j.id)?.processed ?? 0) > before
      || s.jobs.find(x => x.id === j.id)?.status === 'completed'));
    stalls.push({ job: j.id, afterKillOf: k.instance, movedAgainAfterS: moved ? (moved.at - k.at) / 1000 : null });
  }
}
checks.importLeaseRetaken = { expectedAtMostS: leaseS + 15, got: Math.max(0, ...stalls.map(s => s.movedAgainAfterS ?? Infinity)) };

const failed = Object.entries(checks).filter(([, c]) => 'expected' in c && c.expected !== c.got).map(([n]) => n);
if (!(checks.importLeaseRetaken.got <= checks.importLeaseRetaken.expectedAtMostS)) failed.push('importLeaseRetaken');
const result = {
  instances: urls.length, leaseSeconds: leaseS, seedContacts: seed, importJobs: imports, rowsPerImport: rows, workflowRuns: flowRows,
  kills: kills.map(k => ({ instance: k.instance, atSecond: k.atSecond, state: k.state })),
  finishedSecondsAfterFirstKill: (finishedAt - kills[0].at) / 1000, finishedSecondsAfterLastKill: (finishedAt - lastKill) / 1000,
  importStalls: stalls, retriedAfter503: retried, checks, failed, ok: failed.length === 0, elapsedSeconds: (Date.now() - t0) / 1000,
};
const report = JSON.stringify(result, null, 2);
if (args.report) writeFileSync(args.report, report);
console.log(report);
receiver.close();
process.exit(result.ok ? 0 : 1);
