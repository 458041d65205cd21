package dev.torre.deal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.torre.platform.persistence.TenantEntity;

/** A sales process: an ordered set of stages deals move through. Written only by {@link PipelineService}. */
@Entity
@Table(name = "pipeline")
public class Pipeline extends TenantEntity {

    @Column(nullable = false)
    public String name;

    @Column(name = "is_default", nullable = false)
    public boolean isDefault;
}
