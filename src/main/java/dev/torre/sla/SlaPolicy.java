package dev.torre.sla;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.torre.platform.persistence.TenantEntity;

/** Response and resolution targets for the tickets it matches. Written only by {@link SlaPolicyService}. */
@Entity
@Table(name = "sla_policy")
public class SlaPolicy extends TenantEntity {

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public int position;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]", nullable = false)
    public List<String> priorities = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "company_tiers", columnDefinition = "text[]", nullable = false)
    public List<String> companyTiers = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]", nullable = false)
    public List<String> channels = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<SlaPolicyInput.Target> targets = new ArrayList<>();

    @Column(name = "calendar_id")
    public UUID calendarId;

    public Integer position() {
        return position;
    }
}
