-- An outbound message's delivery status: queued when a workflow asks a delivery partner to send it, then what the
-- partner reports back through the interactions API (sent, delivered, opened, clicked, bounced, failed, replied).
alter table interaction add column status varchar(20)
    check (status in ('queued', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'failed', 'replied'));
