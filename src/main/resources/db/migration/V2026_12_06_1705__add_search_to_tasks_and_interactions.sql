-- Free text on tasks and interactions (POST /v1/tasks/search and /v1/interactions/search with "q"):
-- a search document like the contacts' and tickets', accent-insensitive through torre_search.
alter table task add column search tsvector generated always as (
    to_tsvector('torre_search', coalesce(title, '') || ' ' || coalesce(description, ''))
) stored;
create index task_search_idx on task using gin (search);

alter table interaction add column search tsvector generated always as (
    to_tsvector('torre_search', coalesce(subject, '') || ' ' || coalesce(body, ''))
) stored;
create index interaction_search_idx on interaction using gin (search);
