package dev.torre.merge;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.event.DeclaredEvents;

/** The merge of duplicates, as an event of the surviving record. */
public class MergeEvents {

    @Produces
    @Singleton
    DeclaredEvents contactMerged() {
        return DeclaredEvents.of("contact", "merged");
    }

    @Produces
    @Singleton
    DeclaredEvents companyMerged() {
        return DeclaredEvents.of("company", "merged");
    }
}
