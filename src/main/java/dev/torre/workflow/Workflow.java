package dev.torre.workflow;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;

import dev.torre.platform.persistence.TenantEntity;

/**
 * An automation: a trigger that enrols records and the steps each enrolment runs. Its trigger and steps are versioned
 * ({@code definitionVersion}); runs finish on the version they started on. Written only by {@link WorkflowService}.
 */
@Entity
@Table(name = "workflow")
public class Workflow extends TenantEntity {

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public boolean enabled;

    @Column(nullable = false)
    public boolean reenrollment;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "trigger_def", nullable = false)
    public JsonNode trigger;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public JsonNode steps;

    @Column(name = "definition_version", nullable = false)
    public int definitionVersion;

    /** Bumped (in SQL) each time the trigger is (re)defined; the worker catches up each generation once. */
    @Column(name = "trigger_generation", insertable = false, updatable = false)
    public long triggerGeneration;

    @Column(name = "run_actor")
    public String runActor;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "run_roles", nullable = false)
    public List<String> runRoles = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "run_scopes")
    public List<String> runScopes;
}
