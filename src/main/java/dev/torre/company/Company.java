package dev.torre.company;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.torre.platform.persistence.TenantEntity;

/** An account: the organisation contacts belong to. Written only by {@link CompanyService}. */
@Entity
@Table(name = "company")
public class Company extends TenantEntity {

    @Column(nullable = false)
    public String name;

    public String domain;

    public String industry;

    @Column(name = "size_band")
    public String sizeBand;

    public String tier;

    @Column(name = "external_id")
    public String externalId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> properties = new LinkedHashMap<>();

    public String name() {
        return name;
    }

    public String domain() {
        return domain;
    }

    /** The company this one was merged into (then it is archived); written by the merge capability only. */
    @Column(name = "merged_into", insertable = false, updatable = false)
    public java.util.UUID mergedInto;
}
