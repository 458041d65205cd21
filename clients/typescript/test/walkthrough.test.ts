// The README's walk-through, through the SDK, against a running Torre with its database:
// TORRE_BASE_URL and TORRE_TOKEN (an admin token of a tenant of its own) must be set.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';

import { ContactsWithCompany, createTorre, type Schemas, type Torre } from '../src/index.js';

const baseUrl = process.env.TORRE_BASE_URL;
const token = process.env.TORRE_TOKEN;
const skip = !baseUrl || !token ? 'TORRE_BASE_URL and TORRE_TOKEN are not set' : false;

describe('the README walk-through through the SDK', { skip }, () => {
  let torre: Torre;
  let company: Schemas['CompanyView'];
  let contact: Schemas['ContactView'];
  let etag: string;
  const domain = `acme-${randomUUID().slice(0, 8)}.es`;

  before(() => {
    torre = createTorre({ baseUrl: baseUrl!, token: token! });
  });

  it('creates a company, then a contact in it, safely retried with an Idempotency-Key', async () => {
    const made = await torre.rest.POST('/v1/companies', { body: { name: 'Acme Ibérica', domain, tier: 'gold' } });
    assert.equal(made.response.status, 201);
    assert.ok(made.data?.id);
    company = made.data;

    const key = randomUUID();
    const body: Schemas['ContactInput'] = {
      firstName: 'José', lastName: 'García', email: `jose@${domain}`, phone: '612 345 678',
      companyId: company.id, tags: ['vip'], properties: { seats: 12 },
    };
    const first = await torre.rest.POST('/v1/contacts', { body, params: { header: { 'Idempotency-Key': key } } });
    assert.equal(first.response.status, 201);
    assert.ok(first.data?.id);
    contact = first.data;
    assert.equal(contact.companyId, company.id);
    assert.equal(contact.archivedAt, null, 'a new contact is not archived');
    assert.ok(first.response.headers.get('Location')?.endsWith(`/v1/contacts/${contact.id}`));

    const again = await torre.rest.POST('/v1/contacts', { body, params: { header: { 'Idempotency-Key': key } } });
    assert.equal(again.data?.id, contact.id, 'the retry gets the first answer');
  });

  it('reads the contact with its ETag, and answers 304 while it is unchanged', async () => {
    const read = await torre.rest.GET('/v1/contacts/{id}', { params: { path: { id: contact.id! } } });
    assert.equal(read.response.status, 200);
    assert.equal(read.data?.email, `jose@${domain}`);
    etag = read.response.headers.get('ETag')!;
    assert.match(etag, /^"\d+"$/);

    const cached = await torre.rest.GET('/v1/contacts/{id}', { params: { path: { id: contact.id! }, header: { 'If-None-Match': etag } } });
    assert.equal(cached.response.status, 304);
  });

  it('changes one field with a merge patch guarded by If-Match, and refuses a stale ETag with 412', async () => {
    const changed = await torre.rest.PATCH('/v1/contacts/{id}', {
      params: { path: { id: contact.id! }, header: { 'If-Match': etag } },
      body: { lifecycleStage: 'mql' },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    assert.equal(changed.response.status, 200);
    assert.equal(changed.data?.lifecycleStage, 'mql');
    assert.notEqual(changed.response.headers.get('ETag'), etag);

    const stale = await torre.rest.PATCH('/v1/contacts/{id}', {
      params: { path: { id: contact.id! }, header: { 'If-Match': etag } },
      body: { lifecycleStage: 'sql' },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    assert.equal(stale.response.status, 412);
    assert.equal(stale.error?.type, '/problems/precondition-failed');
  });

  it('lists with a SCIM filter and sort, a page at a time through the cursor', async () => {
    await torre.rest.POST('/v1/contacts', {
      body: { firstName: 'Ana', lastName: 'Gómez', email: `ana@${domain}`, lifecycleStage: 'mql', properties: { seats: 40 } },
    });
    const query = { filter: `lifecycleStage eq "mql" and properties.seats ge 10 and email ew "@${domain}"`, sort: '-updatedAt,lastName', limit: 1 };
    const first = await torre.rest.GET('/v1/contacts', { params: { query } });
    assert.equal(first.response.status, 200);
    assert.equal(first.data?.data?.length, 1);
    assert.ok(first.data?.next, 'a second page follows');

    const second = await torre.rest.GET('/v1/contacts', { params: { query: { ...query, cursor: first.data.next } } });
    assert.equal(second.data?.data?.length, 1);
    assert.equal(second.data?.next, null, 'no third page');
    const emails = [first.data.data?.[0]?.email, second.data?.data?.[0]?.email].sort();
    assert.deepEqual(emails, [`ana@${domain}`, `jose@${domain}`]);

    const found = await torre.rest.POST('/v1/contacts/search', { body: { q: 'jose garcia', filter: `email ew "@${domain}"` } });
    assert.deepEqual(found.data?.data?.map((c) => c.id), [contact.id]);
  });

  it('upserts a batch matched on the caller\'s own keys', async () => {
    const externalId = `shop-${randomUUID().slice(0, 8)}`;
    const batch = await torre.rest.POST('/v1/contacts/batch/upsert', {
      body: { matchOn: 'externalId', items: [{ externalId, email: `buyer@${domain}` }] },
    });
    assert.equal(batch.response.status, 200);
    assert.equal(batch.data?.created, 1);
    assert.equal(batch.data?.results?.[0]?.status, 'created');

    const repeat = await torre.rest.POST('/v1/contacts/batch/upsert', {
      body: { matchOn: 'externalId', items: [{ externalId, email: `buyer@${domain}` }] },
    });
    assert.equal(repeat.data?.unchanged, 1);
  });

  it('reads what changed from the event feed', async () => {
    const feed = await torre.rest.GET('/v1/events', { params: { query: { types: 'contact.*', limit: 100 } } });
    assert.equal(feed.response.status, 200);
    const created = feed.data?.data?.filter((e) => e.type === 'contact.created' && e.entityId === contact.id) ?? [];
    assert.equal(created.length, 1, 'one contact.created for the contact');
  });

  it('runs the README GraphQL query, typed', async () => {
    const result = await torre.graphql(ContactsWithCompany, { first: 5, filter: `email eq "jose@${domain}"` });
    assert.equal(result.errors, undefined);
    const node = result.data?.contacts?.edges?.[0]?.node;
    assert.equal(node?.id, contact.id);
    assert.equal(node?.company?.name, 'Acme Ibérica');
    assert.deepEqual(node?.company?.contacts?.map((c) => c?.email), [`jose@${domain}`]);
    assert.equal(result.data?.contacts?.pageInfo?.hasNextPage, false);
  });
});
