package dev.torre.contact;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/** Contacts under the access policy: who reads and writes them by default, and which fields a policy may hide. */
public class ContactAccess {

    @Produces
    @Singleton
    GuardedType contactType() {
        return new GuardedType("contact", "contacts", "Contact", ContactView.class,
                List.of("firstName", "lastName", "email", "phone", "companyId", "lifecycleStage", "ownerId", "source", "tags",
                        "externalId", "properties"),
                Map.of("readonly", Access.READ, "sales", Access.READ_WRITE, "service", Access.READ_WRITE,
                        "marketing", Access.READ_WRITE, "legal", Access.READ, "finance", Access.READ.hiding("source", "tags")));
    }
}
