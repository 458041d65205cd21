package dev.torre.task;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.company.CompanyService;
import dev.torre.contact.ContactLookupService;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.link.Links;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;
import dev.torre.ticket.TicketService;

/** The only place that writes tasks: links checked within the tenant, completion time, task.* events. */
@ApplicationScoped
public class TaskService extends RecordService<Task, TaskInput, TaskView> {

    private static final List<Key<Task, TaskInput>> KEYS = List.of(
            new Key<>("externalId", "external_id", false, false, t -> t.externalId, TaskInput::externalId));
    private static final Map<String, String> UNIQUE_INDEXES = Map.of("task_external_id_uq", "externalId");

    static final Kind<Task, TaskInput> KIND = new Kind<>(
            "task", Task.class, Task::new, TaskInput.class,
            "task", "tasks", "/v1/tasks", TaskFields.REGISTRY, KEYS, UNIQUE_INDEXES);

    @Inject
    Links links;

    @Inject
    ContactLookupService contacts;

    @Inject
    CompanyService companies;

    @Inject
    TicketService tickets;

    /** Tasks; {@code overdue} true keeps the open ones past their due time, false the others. */
    @RequiresScope("tasks:read")
    public Page<TaskView> list(ListRequest request, Boolean overdue) {
        Instant now = clock.now();
        SqlFragment scope = overdue == null ? SqlFragment.EMPTY
                : overdue ? SqlFragment.of("c.status = 'open' and c.due_at < ?", now)
                        : SqlFragment.of("not (c.status = 'open' and c.due_at is not null and c.due_at < ?)", now);
        return lists.page(Task.class, "task", TaskFields.REGISTRY, request, scope).map(t -> TaskView.of(t, now));
    }

    /** The contact's open tasks, soonest due first (at most {@code limit}). */
    @RequiresScope("tasks:read")
    public List<TaskView> openOfContact(UUID contactId, int limit) {
        Instant now = clock.now();
        return lists.page(Task.class, "task", TaskFields.REGISTRY, ListRequest.of(null, null, "dueAt", limit, null),
                SqlFragment.of("c.contact_id = ? and c.status = 'open'", contactId)).map(t -> TaskView.of(t, now)).data();
    }

    /** How many open tasks the contact has. */
    @RequiresScope("tasks:read")
    public long openCountOfContact(UUID contactId) {
        return em.createQuery("select count(t) from Task t where t.contactId = :c and t.archivedAt is null"
                + " and t.status = dev.torre.task.TaskStatus.OPEN", Long.class).setParameter("c", contactId).getSingleResult();
    }

    // --- the task's own rules ---

    @Override
    public boolean change(Task t, TaskInput in) {
        TaskStatus before = t.status;
        boolean changed = super.change(t, in);
        if (changed && before != TaskStatus.DONE && t.status == TaskStatus.DONE) {
            events.append("task", t.id, "completed", Map.of("completedAt", t.completedAt.toString()));
        }
        return changed;
    }

    @Override
    protected TaskView view(Task record) {
        return TaskView.of(record, clock.now());
    }

    @Override
    protected Kind<Task, TaskInput> kind() {
        return KIND;
    }

    @Override
    public TaskInput inputOf(Task t) {
        return new TaskInput(t.title, t.description, t.dueAt, t.assigneeId, t.status, t.priority, t.contactId, t.companyId, t.dealId,
                t.ticketId, t.externalId);
    }

    @Override
    public TaskInput normalise(TaskInput in) {
        return new TaskInput(in.title().trim(), in.description(),
                in.dueAt() == null ? null : in.dueAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS), blankToNull(in.assigneeId()),
                Objects.requireNonNullElse(in.status(), TaskStatus.OPEN), Objects.requireNonNullElse(in.priority(), TaskPriority.NORMAL),
                in.contactId(), in.companyId(), in.dealId(), in.ticketId(), blankToNull(in.externalId()));
    }

    @Override
    protected boolean referencesChanged(Task t, TaskInput next) {
        return !Objects.equals(t.contactId, next.contactId()) || !Objects.equals(t.companyId, next.companyId())
                || !Objects.equals(t.dealId, next.dealId()) || !Objects.equals(t.ticketId, next.ticketId());
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, TaskInput> inputs) {
        Map<Integer, TorreException> failures = new LinkedHashMap<>();
        Links.check(inputs, failures, "contactId", "contact", TaskInput::contactId, contacts::existing);
        Links.check(inputs, failures, "companyId", "company", TaskInput::companyId, companies::existing);
        Links.check(inputs, failures, "ticketId", "ticket", TaskInput::ticketId, tickets::existing);
        Links.check(inputs, failures, "dealId", "deal", TaskInput::dealId, ids -> links.existing("deal", "dealId", ids));
        return failures;
    }

    @Override
    protected void apply(Task t, TaskInput in) {
        t.title = in.title();
        t.description = in.description();
        t.dueAt = in.dueAt();
        t.assigneeId = in.assigneeId();
        t.status = in.status();
        t.priority = in.priority();
        t.contactId = in.contactId();
        t.companyId = in.companyId();
        t.dealId = in.dealId();
        t.ticketId = in.ticketId();
        t.externalId = in.externalId();
        t.completedAt = t.status != TaskStatus.DONE ? null : t.completedAt != null ? t.completedAt : clock.now();
    }
}
