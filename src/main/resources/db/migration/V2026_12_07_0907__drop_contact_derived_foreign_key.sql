-- The row is made by the statement trigger with its contact, and contacts are archived rather than deleted: the
-- foreign key only added a check per inserted contact, planned once per connection.
alter table contact_derived drop constraint contact_derived_tenant_id_contact_id_fkey;
