package dev.torre.task;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/**
 * Tasks under the access policy: the follow-ups of sales and service; legal reads them. No policy hides whether a
 * task is done.
 */
public class TaskAccess {

    @Produces
    @Singleton
    GuardedType taskType() {
        return GuardedType.of(TaskService.KIND, TaskView.class, Set.of("status"), Set.of(),
                Map.of("readonly", Access.READ, "sales", Access.READ_WRITE, "service", Access.READ_WRITE, "legal", Access.READ));
    }
}
