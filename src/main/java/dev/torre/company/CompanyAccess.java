package dev.torre.company;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/** Companies under the access policy: who reads and writes them by default, and which fields a policy may hide. */
public class CompanyAccess {

    @Produces
    @Singleton
    GuardedType companyType() {
        return GuardedType.of(CompanyService.KIND, CompanyView.class, Set.of(), Set.of(),
                Map.of("readonly", Access.READ, "sales", Access.READ_WRITE, "service", Access.READ, "marketing", Access.READ,
                        "legal", Access.READ, "finance", Access.READ));
    }
}
