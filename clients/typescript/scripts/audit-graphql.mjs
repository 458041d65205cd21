// Runs the GraphQL-over-HTTP conformance audit (graphql-http's serverAudits) against a
// running Torre: node scripts/audit-graphql.mjs [baseUrl] with TORRE_TOKEN set to a bearer
// token. Prints every audit that did not pass and exits 1 if any MUST or SHOULD failed.
import { auditServer } from 'graphql-http';

const base = process.argv[2] ?? process.env.TORRE_BASE_URL ?? 'http://localhost:8080';
const token = process.env.TORRE_TOKEN;
if (!token) {
  console.error('TORRE_TOKEN must hold a bearer token (bin/mint-token)');
  process.exit(2);
}
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};
const results = await auditServer({ url: `${base}/graphql`, fetchFn });
const failed = results.filter((r) => r.status !== 'ok');
for (const r of failed) {
  console.log(`${r.status.toUpperCase()} ${r.name}: ${r.reason}`);
}
const must = failed.filter((r) => r.name.startsWith('MUST')).length;
const should = failed.filter((r) => r.name.startsWith('SHOULD')).length;
console.log(`graphql-http audit: ${results.length} audits, ${must} MUST and ${should} SHOULD not passed`);
process.exit(must + should > 0 ? 1 : 0);
