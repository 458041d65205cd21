package dev.torre.team;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.torre.platform.persistence.TenantEntity;

/** A named group of users that work is shared among in turn (workflow round-robin). Written only by {@link TeamService}. */
@Entity
@Table(name = "team")
public class Team extends TenantEntity {

    @Column(nullable = false)
    public String name;

    /** User ids (token subjects), in rotation order. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> members = new ArrayList<>();

    @Column(name = "external_id")
    public String externalId;

    public String name() {
        return name;
    }
}
