package dev.torre.platform.tenancy;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;

/** Hibernate's tenancy wall: every session filters and stamps rows with the current tenant. */
@PersistenceUnitExtension
@ApplicationScoped
public class TorreTenantResolver implements TenantResolver {

    /** Matches no row: used when a session opens without a tenant. */
    static final String NO_TENANT = "-";

    @Override
    public String getDefaultTenantId() {
        return NO_TENANT;
    }

    @Override
    public String resolveTenantId() {
        String tenant = TenantContext.current();
        return tenant == null ? NO_TENANT : tenant;
    }
}
