package dev.torre.segment;

import dev.torre.platform.time.ServerClock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.persistence.Records;
import dev.torre.platform.query.FieldGuard;
import dev.torre.platform.query.FilterCompiler;
import dev.torre.platform.query.FilterParser;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SortSpec;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.Permissions;
import dev.torre.platform.security.RequiresScope;

/**
 * The only place that writes segments. A dynamic segment's filter is checked against its object type's fields when
 * defined; whenever the filter is set, a sweep is started that the {@link SegmentWorker} runs in bounded batches
 * (the segment answers {@code backfilling} meanwhile), and the worker keeps it current afterwards. Reading or defining a segment's members needs the read scope of
 * its object type too, since members and filters reveal those records.
 */
@ApplicationScoped
public class SegmentService extends RecordService<Segment, SegmentInput, SegmentView> {

    @Inject
    ServerClock clock;

    private static final Kind<Segment, SegmentInput> KIND = new Kind<>(
            "segment", Segment.class, Segment::new, SegmentInput.class,
            "segment", "segments", "/v1/segments", SegmentFields.REGISTRY, List.of(), Map.of());

    @Inject
    Membership members;

    @Inject
    Permissions permissions;

    @Inject
    FieldGuard hiddenFields;

    /** One page of the segment's active members. */
    @RequiresScope("read")
    public Page<SegmentMemberView> members(UUID id, ListRequest page) {
        Segment segment = find(id);
        requireRead(SegmentTypes.of(segment.objectType));
        return members.page(segment, page.limit(), page.cursor());
    }

    /**
     * The live segments each of these records (of one object type) belongs to, for GraphQL's batched loading: one
     * statement for the memberships, one for the segments, one per object type for their counts.
     */
    @RequiresScope("read")
    public Map<UUID, List<SegmentView>> segmentsOf(String objectType, Collection<UUID> recordIds) {
        requireRead(SegmentTypes.of(objectType));
        Map<UUID, List<UUID>> byRecord = members.segmentsOf(objectType, recordIds);
        List<UUID> ids = byRecord.values().stream().flatMap(List::stream).distinct().toList();
        List<Segment> found = ids.isEmpty() ? List.of()
                : em.createQuery("from Segment s where s.id in :ids", Segment.class).setParameter("ids", ids).getResultList();
        Map<UUID, Long> counts = members.countAll(found);
        Map<UUID, Membership.Sweep> sweeps = members.sweeps(found);
        Map<UUID, SegmentView> views = new HashMap<>();
        found.forEach(g -> views.put(g.id, SegmentView.of(g, counts.get(g.id), sweeps.get(g.id))));
        Map<UUID, List<SegmentView>> out = new LinkedHashMap<>();
        byRecord.forEach((record, segmentIds) -> out.put(record, segmentIds.stream().map(views::get).filter(Objects::nonNull).toList()));
        return out;
    }

    /** Adds records to a static segment; answers the segment with its new count. */
    @Transactional
    @RequiresScope("write")
    public SegmentView addMembers(UUID id, @Valid MembersInput input) {
        Segment segment = staticSegment(id);
        members.add(segment, input.ids());
        return view(segment);
    }

    /** Adds one record to a static segment (automations add one at a time); adding a member again changes nothing. */
    @Transactional
    @RequiresScope("write")
    public SegmentView addMember(UUID id, UUID recordId) {
        return addMembers(id, new MembersInput(List.of(recordId)));
    }

    /** Whether the record is a member of the segment (for automations, which check before they take one out). */
    @RequiresScope("read")
    public boolean hasMember(UUID id, UUID recordId) {
        Segment segment = find(id);
        return !em.createNativeQuery("select 1 from segment_member where tenant_id = ?1 and segment_id = ?2 and record_id = ?3")
                .setParameter(1, segment.tenantId).setParameter(2, segment.id).setParameter(3, recordId).getResultList().isEmpty();
    }

    /** Takes a record out of a static segment; 404 when it is not a member. */
    @Transactional
    @RequiresScope("write")
    public void removeMember(UUID id, UUID recordId) {
        Segment segment = staticSegment(id);
        if (!members.remove(segment, recordId)) {
            throw TorreException.notFound("segment member " + recordId);
        }
    }

    private Segment staticSegment(UUID id) {
        Segment segment = find(id);
        Records.checkWritable(segment, null, label());
        requireRead(SegmentTypes.of(segment.objectType));
        if (segment.dynamic()) {
            throw new TorreException(ErrorCode.CONFLICT, "The members of a dynamic segment follow its filter; change the filter,"
                    + " or make the segment static first");
        }
        return segment;
    }

    private void requireRead(SegmentTypes.Type type) {
        if (!permissions.allows(type.readScope())) {
            throw new TorreException(ErrorCode.FORBIDDEN, "Segments of " + type.name() + " records need '" + type.readScope() + "' too");
        }
    }

    @Override
    protected SegmentView view(Segment segment) {
        return SegmentView.of(segment, members.count(segment), members.sweeps(List.of(segment)).get(segment.id));
    }

    @Override
    protected Page<SegmentView> page(ListRequest request, SqlFragment scope) {
        Page<Segment> page = lists.page(Segment.class, "segment", SegmentFields.REGISTRY, request, scope);
        Map<UUID, Long> counts = members.countAll(page.data());
        Map<UUID, Membership.Sweep> sweeps = members.sweeps(page.data());
        return page.map(s -> SegmentView.of(s, counts.get(s.id), sweeps.get(s.id)));
    }

    @Override
    protected Kind<Segment, SegmentInput> kind() {
        return KIND;
    }

    @Override
    public SegmentInput inputOf(Segment s) {
        return new SegmentInput(s.name, s.objectType, s.kind, s.filter);
    }

    @Override
    public SegmentInput normalise(SegmentInput in) {
        SegmentTypes.Type type = SegmentTypes.of(in.objectType());
        String filter = blankToNull(in.filter());
        String kind = in.kind() == null ? (filter == null ? SegmentInput.STATIC : SegmentInput.DYNAMIC) : in.kind();
        if (SegmentInput.DYNAMIC.equals(kind)) {
            if (filter == null) {
                throw invalid("filter", "required", "A dynamic segment needs a filter");
            }
            checkFilter(type, filter);
        } else if (SegmentInput.STATIC.equals(kind)) {
            if (filter != null) {
                throw invalid("filter", "not_allowed", "A static segment has no filter; its members are added by id");
            }
        } else {
            throw invalid("kind", "invalid_value", "kind must be dynamic or static");
        }
        return new SegmentInput(in.name().trim(), type.name(), kind, filter);
    }

    /**
     * Parses and compiles the filter against the type's fields, so that bad syntax, an unknown field or a value of the
     * wrong type is refused now (400 naming {@code filter}) rather than at every later evaluation; refuses fields
     * hidden from the caller, and callers who may not read the records the segment would hold.
     */
    private void checkFilter(SegmentTypes.Type type, String filter) {
        requireRead(type);
        FilterCompiler.compile(filter, type.fields(), clock.now());
        hiddenFields.check(type.fields(), List.of(FilterParser.parse(filter)), SortSpec.parse(null, type.fields(), null), false);
    }

    /** A change is checked as a new definition, once it is clear it keeps the object type (members of one type only). */
    @Override
    public SegmentInput normaliseChange(Segment stored, SegmentInput next) {
        if (!stored.objectType.equals(next.objectType())) {
            throw invalid("objectType", "immutable", "A segment's objectType cannot change; create another segment");
        }
        return normalise(next);
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, SegmentInput> inputs) {
        return Map.of();
    }

    @Override
    protected void apply(Segment s, SegmentInput in) {
        s.name = in.name();
        s.objectType = in.objectType();
        s.kind = in.kind();
        s.filter = in.filter();
    }

    @Override
    public Segment insert(SegmentInput input) {
        Segment segment = super.insert(input);
        if (segment.dynamic()) {
            refill(segment);
        }
        return segment;
    }

    @Override
    public boolean change(Segment segment, SegmentInput input) {
        String before = segment.filter;
        if (!super.change(segment, input)) {
            return false;
        }
        if (!Objects.equals(before, segment.filter)) {
            refill(segment);
        }
        return true;
    }

    @Override
    protected Segment restoreOne(UUID id) {
        Segment segment = super.restoreOne(id);
        // while archived the worker left it alone: catch up with what changed meanwhile
        refill(segment);
        return segment;
    }

    /**
     * Starts the sweep that brings a dynamic segment's members in line with its filter, over all records of its type;
     * the segment is {@code backfilling} until the worker has done the last batch. A segment made static has nothing
     * to sweep.
     */
    private void refill(Segment segment) {
        em.flush();
        members.holdWorker();
        if (segment.dynamic()) {
            members.startSweep(segment, Membership.DEFINITION);
        } else {
            members.dropSweep(segment);
        }
    }

    private static TorreException invalid(String field, String code, String message) {
        return new TorreException(ErrorCode.VALIDATION, message, List.of(new FieldError(field, code, message)));
    }
}
