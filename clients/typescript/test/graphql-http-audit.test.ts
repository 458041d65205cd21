// The GraphQL-over-HTTP conformance audit (graphql-http's serverAudits): every MUST and
// SHOULD must pass against the running Torre.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { auditServer } from 'graphql-http';

const baseUrl = process.env.TORRE_BASE_URL;
const token = process.env.TORRE_TOKEN;

test('graphql-http server audit passes every MUST and SHOULD', { skip: !baseUrl || !token ? 'TORRE_BASE_URL and TORRE_TOKEN are not set' : false }, async () => {
  const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  const results = await auditServer({ url: `${baseUrl}/graphql`, fetchFn });
  const failed = results.filter((r) => r.status !== 'ok').map((r) => `${r.status} ${r.name}: ${r.reason}`);
  assert.deepEqual(failed, []);
});
