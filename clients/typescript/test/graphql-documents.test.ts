// Every GraphQL operation the SDK ships must be valid against the committed schema.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { buildSchema, parse, validate } from 'graphql';

import { operations } from '../src/graphql.js';

// The exported SDL names SmallRye's scalars (DateTime, BigDecimal, ...) without declaring them.
const sdl = readFileSync(new URL('../../../../graphql-schema/schema.graphql', import.meta.url), 'utf8');
const declared = new Set([...sdl.matchAll(/^(?:type|input|enum|scalar|interface|union)\s+(\w+)/gm)].map((m) => m[1]));
const builtIn = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
const used = new Set([...sdl.matchAll(/:\s*\[*(\w+)/g)].map((m) => m[1]!));
const scalars = [...used].filter((name) => /^[A-Z]/.test(name) && !declared.has(name) && !builtIn.has(name)).map((name) => `scalar ${name}`);
const schema = buildSchema([...scalars, sdl].join('\n'));

for (const operation of operations) {
  test(`GraphQL operation ${operation.name} matches graphql-schema/schema.graphql`, () => {
    const errors = validate(schema, parse(operation.document));
    assert.deepEqual(errors.map((e) => e.message), []);
  });
}
