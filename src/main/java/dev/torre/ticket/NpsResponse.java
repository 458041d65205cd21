package dev.torre.ticket;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.torre.platform.persistence.TenantEntity;

/** One answer of a contact to "how likely are you to recommend us" (0..10). Written only by {@link NpsResponseService}. */
@Entity
@Table(name = "nps_response")
public class NpsResponse extends TenantEntity {

    @Column(name = "contact_id", nullable = false)
    public UUID contactId;

    @Column(nullable = false)
    public short score;

    public String comment;

    @Column(name = "responded_at", nullable = false)
    public Instant respondedAt;
}
