// The GraphQL-over-HTTP conformance audit (graphql-http's serverAudits) against the running
// Torre: every MUST and every SHOULD passes.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { auditServer } from 'graphql-http';

const baseUrl = process.env.TORRE_BASE_URL;
const token = process.env.TORRE_TOKEN;

test('graphql-http server audit: every MUST and every SHOULD', { skip: !baseUrl || !token ? 'TORRE_BASE_URL and TORRE_TOKEN are not set' : false }, async () => {
  const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  const results = await auditServer({ url: `${baseUrl}/graphql`, fetchFn });
  // 'error' is a failed MUST, 'warn' a failed SHOULD; 'notice' (a MAY) is a choice, not a failure
  const failed = results.filter((r) => (r.status === 'error' || r.status === 'warn')).map((r) => `${r.status} ${r.name}: ${"reason" in r ? r.reason : ""}`);
  assert.deepEqual(failed, []);
  assert.ok(results.length > 40, `the audit ran ${results.length} checks`);
});
