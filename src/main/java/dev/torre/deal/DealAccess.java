package dev.torre.deal;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/**
 * Deals under the access policy (pipelines and their stages share the {@code deals} scopes):
 * sales works them, the other teams read them, and service does not see their amounts. No policy hides where a deal
 * stands (pipeline, stage) or who takes part in it.
 */
public class DealAccess {

    @Produces
    @Singleton
    GuardedType dealType() {
        return GuardedType.of(DealService.KIND, DealView.class, Set.of("pipelineId", "stageId", "contacts"), Set.of(),
                Map.of("readonly", Access.READ, "sales", Access.READ_WRITE, "service", Access.READ.hiding("amount"),
                        "marketing", Access.READ, "legal", Access.READ, "finance", Access.READ));
    }
}
