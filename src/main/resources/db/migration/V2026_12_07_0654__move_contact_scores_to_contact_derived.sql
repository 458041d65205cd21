-- The lead score and churn risk leave the contact row for a narrow table of their own. Copied onto the contact, every
-- changed score was a non-HOT update writing a new tuple into each of the contact's indexes (three of them GIN): per
-- 1,000 contacts as much as the import's own insert. Here a changed score touches three small indexes instead.
--
-- Every contact has its row (made by the trigger below in the statement that inserts the contact), so that reads
-- join it with an inner join: a sort by score then walks contact_derived's index in order, nulls included, which a
-- left join could not. `score_version` counts the changes of the two values; a contact's ETag is its own version plus this
-- one, so a new score still moves the ETag although the contact row is untouched.
create table contact_derived (
    tenant_id    text          not null,
    contact_id   uuid          not null,
    lead_score   integer,
    churn_risk   numeric(5, 4),
    score_version bigint       not null default 0,
    primary key (tenant_id, contact_id),
    foreign key (tenant_id, contact_id) references contact (tenant_id, id) on delete cascade
);
-- In the order of the usual sort, highest first (`sort=-leadScore`: nulls first, then ties by id ascending), so that
-- its first page reads only its rows even right after an import, when most contacts have no score yet; the
-- ascending sort reads the index backwards and sorts each run of equal scores by id.
create index contact_derived_lead_score_idx on contact_derived (tenant_id, lead_score desc, contact_id);
create index contact_derived_churn_risk_idx on contact_derived (tenant_id, churn_risk desc, contact_id);

-- The owner reads every tenant's contacts for the copy (row-level security is forced on the owner too).
alter table contact no force row level security;
insert into contact_derived (tenant_id, contact_id, lead_score, churn_risk)
select tenant_id, id, lead_score, churn_risk from contact;
alter table contact force row level security;

call torre_tenant_wall('contact_derived');

create function contact_derived_rows() returns trigger language plpgsql as $$
begin
    insert into contact_derived (tenant_id, contact_id) select tenant_id, id from new_contacts;
    return null;
end
$$;
create trigger contact_derived_rows after insert on contact
    referencing new table as new_contacts
    for each statement execute function contact_derived_rows();

drop index contact_lead_score_idx;
drop index contact_churn_risk_idx;
alter table contact drop column lead_score;
alter table contact drop column churn_risk;
