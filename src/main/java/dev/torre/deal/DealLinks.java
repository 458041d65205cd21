package dev.torre.deal;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.platform.link.LinkTarget;

/** Lets interactions and tasks link to deals without depending on this capability. */
@ApplicationScoped
public class DealLinks implements LinkTarget {

    @Inject
    DealService deals;

    @Override
    public String kind() {
        return "deal";
    }

    @Override
    public Set<UUID> existing(Collection<UUID> ids) {
        return deals.existing(ids);
    }
}
