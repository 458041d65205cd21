package dev.torre.segment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.torre.platform.persistence.TenantEntity;

/** A named set of contacts, companies or deals: kept by a filter (dynamic) or by hand (static). Written only by {@link SegmentService}. */
@Entity
@Table(name = "segment")
public class Segment extends TenantEntity {

    @Column(nullable = false)
    public String name;

    @Column(name = "object_type", nullable = false, updatable = false)
    public String objectType;

    @Column(nullable = false)
    public String kind;

    /** The filter text of a dynamic segment, exactly as validated; null for a static one. */
    public String filter;

    public String name() {
        return name;
    }

    boolean dynamic() {
        return SegmentInput.DYNAMIC.equals(kind);
    }
}
