package dev.torre.platform.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;

/**
 * What every business row has: an application-made UUIDv7 id, the tenant (stamped by
 * Hibernate), an optimistic-locking version, timestamps and a soft-delete mark.
 */
@MappedSuperclass
@EntityListeners(Stamps.class)
public abstract class TenantEntity {

    @Id
    public UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "archived_at")
    public Instant archivedAt;

    protected TenantEntity() {
    }

    public boolean archived() {
        return archivedAt != null;
    }

    public UUID id() {
        return id;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
