// The GraphQL-over-HTTP conformance audit (graphql-http's serverAudits) against the running
// Torre: every MUST passes, and no SHOULD fails but the known gap below.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { auditServer } from 'graphql-http';

const baseUrl = process.env.TORRE_BASE_URL;
const token = process.env.TORRE_TOKEN;

test('graphql-http server audit: every MUST, and every SHOULD but the known gap', { skip: !baseUrl || !token ? 'TORRE_BASE_URL and TORRE_TOKEN are not set' : false }, async () => {
  const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  const results = await auditServer({ url: `${baseUrl}/graphql`, fetchFn });
  // Known gap: answering 400 (not 200) to application/graphql-response+json when GraphQL refuses
  // the document or its variables is marked from inside the execution, which does not always
  // see the HTTP request; these SHOULDs may fail until that is done before execution.
  const knownGap = /^SHOULD use (4xx or 5xx status codes|400 status code|a status code of 400) on (document parsing|document validation|variable coercion) failure when accepting application\/graphql-response\+json/;
  // 'error' is a failed MUST, 'warn' a failed SHOULD; 'notice' (a MAY) is a choice, not a failure
  const failed = results.filter((r) => (r.status === 'error' || r.status === 'warn') && !knownGap.test(r.name)).map((r) => `${r.status} ${r.name}: ${"reason" in r ? r.reason : ""}`);
  assert.deepEqual(failed, []);
  assert.ok(results.length > 40, `the audit ran ${results.length} checks`);
});
