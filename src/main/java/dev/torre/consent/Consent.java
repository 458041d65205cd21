package dev.torre.consent;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.torre.platform.persistence.TenantEntity;

/** One decision in a contact's consent ledger; never changed once written. Written only by {@link ConsentService}. */
@Entity
@Table(name = "consent")
public class Consent extends TenantEntity {

    @Column(name = "contact_id", nullable = false, updatable = false)
    public UUID contactId;

    @Column(nullable = false, updatable = false)
    public String purpose;

    @Column(nullable = false, updatable = false)
    public String channel;

    @Column(nullable = false, updatable = false)
    public String status;

    @Column(name = "lawful_basis", nullable = false, updatable = false)
    public String lawfulBasis;

    @Column(nullable = false, updatable = false)
    public String source;

    @Column(name = "proof_ip")
    public String proofIp;

    @Column(name = "proof_user_agent")
    public String proofUserAgent;

    @Column(name = "proof_form_url")
    public String proofFormUrl;

    @Column(name = "proof_wording")
    public String proofWording;

    @Column(name = "proof_wording_version")
    public String proofWordingVersion;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    @Column(name = "expires_at", updatable = false)
    public Instant expiresAt;

    @Column(name = "recorded_by", updatable = false)
    public String recordedBy;

    /** The merged contact this entry was first recorded for, on a copy a merge made; written by the merge capability only. */
    @Column(name = "merged_from", insertable = false, updatable = false)
    public UUID mergedFrom;
}
