package dev.torre.contact;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/** Contacts under the access policy: who reads and writes them by default, and which fields a policy may hide. */
public class ContactAccess {

    @Produces
    @Singleton
    GuardedType contactType() {
        return GuardedType.of(ContactService.KIND, ContactView.class, Set.of(), Set.of(),
                Map.of("readonly", Access.READ, "sales", Access.READ_WRITE, "service", Access.READ_WRITE,
                        "marketing", Access.READ_WRITE, "legal", Access.READ, "finance", Access.READ.hiding("source", "tags")));
    }
}
