package dev.torre.interaction;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.torre.platform.link.LinkTarget;

/** Stands in for the deal capability in tests: the deals are the ids a test registers. */
@ApplicationScoped
public class TestDeals implements LinkTarget {

    private final Set<UUID> deals = ConcurrentHashMap.newKeySet();

    UUID register() {
        UUID id = UUID.randomUUID();
        deals.add(id);
        return id;
    }

    @Override
    public String kind() {
        return "deal";
    }

    @Override
    public Set<UUID> existing(Collection<UUID> ids) {
        Set<UUID> found = new HashSet<>(ids);
        found.retainAll(deals);
        return found;
    }
}
