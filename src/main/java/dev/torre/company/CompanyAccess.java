package dev.torre.company;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/** Companies under the access policy: who reads and writes them by default, and which fields a policy may hide. */
public class CompanyAccess {

    @Produces
    @Singleton
    GuardedType companyType() {
        return new GuardedType("company", "companies", "Company", CompanyView.class,
                List.of("name", "domain", "industry", "sizeBand", "tier", "externalId", "properties"),
                Map.of("readonly", Access.READ, "sales", Access.READ_WRITE, "service", Access.READ, "marketing", Access.READ,
                        "legal", Access.READ, "finance", Access.READ));
    }
}
