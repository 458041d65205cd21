package dev.torre.task;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.torre.platform.access.Access;
import dev.torre.platform.access.GuardedType;

/** Tasks under the access policy: the follow-ups of sales and service; legal reads them. */
public class TaskAccess {

    @Produces
    @Singleton
    GuardedType taskType() {
        return new GuardedType("task", "tasks", "Task", TaskView.class,
                List.of("title", "description", "dueAt", "assigneeId", "priority", "contactId", "companyId", "dealId", "ticketId",
                        "externalId"),
                Map.of("readonly", Access.READ, "sales", Access.READ_WRITE, "service", Access.READ_WRITE, "legal", Access.READ));
    }
}
