// Every GraphQL operation the SDK ships must be valid against the committed schema.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { buildSchema, parse, validate } from 'graphql';

import { operations } from '../src/graphql.js';

const schema = buildSchema(readFileSync(new URL('../../../../graphql-schema/schema.graphql', import.meta.url), 'utf8'));

for (const operation of operations) {
  test(`GraphQL operation ${operation.name} matches graphql-schema/schema.graphql`, () => {
    const errors = validate(schema, parse(operation.document));
    assert.deepEqual(errors.map((e) => e.message), []);
  });
}
