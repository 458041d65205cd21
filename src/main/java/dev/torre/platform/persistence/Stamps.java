package dev.torre.platform.persistence;

import dev.torre.platform.ids.Ids;
import dev.torre.platform.time.ServerClock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;

/** Stamps a business row's id and times from the server's clock as Hibernate writes it (an entity cannot inject the clock itself). */
@ApplicationScoped
public class Stamps {

    @Inject
    ServerClock clock;

    @PrePersist
    void created(TenantEntity entity) {
        if (entity.id == null) {
            entity.id = Ids.next();
        }
        entity.createdAt = clock.now();
        entity.updatedAt = entity.createdAt;
    }

    @PreUpdate
    void updated(TenantEntity entity) {
        entity.updatedAt = clock.now();
    }
}
