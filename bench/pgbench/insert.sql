-- Baseline for the create phase: Hibernate's insert of one contact with the values the create
-- phase posts, committed on its own. (The API also appends an event_log row in the same transaction.)
insert into contact (archived_at,company_id,created_at,email,external_id,first_name,last_name,lifecycle_stage,owner_id,phone,properties,tags,tenant_id,updated_at,utm_campaign,utm_medium,utm_source,version,id) values (null,null,now(),'p' || gen_random_uuid() || '@create.example',null,'Ana','Creada','lead',null,null,'{}','{bench}',:tenant,now(),null,null,null,0,gen_random_uuid());
