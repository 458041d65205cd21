package dev.torre.task;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.torre.platform.persistence.TenantEntity;

/** A follow-up someone has to do. Written only by {@link TaskService}. */
@Entity
@Table(name = "task")
public class Task extends TenantEntity {

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "assignee_id")
    public String assigneeId;

    @Column(nullable = false)
    public TaskStatus status;

    @Column(nullable = false)
    public TaskPriority priority;

    @Column(name = "contact_id")
    public UUID contactId;

    @Column(name = "company_id")
    public UUID companyId;

    @Column(name = "deal_id")
    public UUID dealId;

    @Column(name = "ticket_id")
    public UUID ticketId;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "external_id")
    public String externalId;
}
