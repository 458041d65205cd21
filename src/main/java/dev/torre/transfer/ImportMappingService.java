package dev.torre.transfer;

import dev.torre.platform.time.ServerClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.access.AccessPolicies;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.persistence.Records;
import dev.torre.platform.persistence.Writes;
import dev.torre.platform.properties.PropertyDefinitions;
import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;
import dev.torre.platform.query.ListRequest;
import dev.torre.platform.query.Lists;
import dev.torre.platform.query.Page;
import dev.torre.platform.query.SqlFragment;
import dev.torre.platform.security.RequiresScope;

/**
 * The only writer of saved column mappings. A mapping's fields are checked as an import's header is (the record's
 * fields, properties.&lt;name&gt;, &lt;kind&gt;ExternalId) and against the fields hidden from the caller's role, so a
 * mapping never names what its author could not import; an import names it by id and its file's columns are renamed
 * by it before the header is checked again.
 */
@ApplicationScoped
public class ImportMappingService {

    @Inject
    ServerClock clock;

    static final FieldRegistry<ImportMapping> FIELDS = FieldRegistry.<ImportMapping>builder("import_mapping", "c.id", ImportMapping::id)
            .field("objectType", "c.object_type", FieldType.STRING, m -> m.objectType)
            .field("name", "c.name", FieldType.STRING, ImportMapping::name)
            .build();

    private static final Map<String, String> UNIQUE = Map.of("import_mapping_name_uq", "name");

    @Inject
    EntityManager em;

    @Inject
    RecordKinds kinds;

    @Inject
    AccessPolicies access;

    @Inject
    PropertyDefinitions definitions;

    @Inject
    ObjectMapper mapper;

    @Inject
    Lists lists;

    @Inject
    EventLog events;

    @Transactional
    @RequiresScope("imports:write")
    public ImportMappingView create(@Valid ImportMappingInput in) {
        ImportMapping m = new ImportMapping();
        apply(m, in);
        em.persist(m);
        Writes.flush(em, UNIQUE);
        events.append("import_mapping", m.id, "created", Map.of("name", m.name, "objectType", m.objectType));
        return ImportMappingView.of(m);
    }

    @RequiresScope("imports:read")
    public ImportMappingView get(UUID id) {
        return ImportMappingView.of(find(id));
    }

    @RequiresScope("imports:read")
    public Page<ImportMappingView> list(String filter, String limit, String cursor) {
        return lists.page(ImportMapping.class, "import_mapping", FIELDS, ListRequest.of(filter, null, "id", limit, cursor), SqlFragment.EMPTY)
                .map(ImportMappingView::of);
    }

    /** Replaces the mapping's name, kind and columns. */
    @Transactional
    @RequiresScope("imports:write")
    public ImportMappingView replace(UUID id, @Valid ImportMappingInput in) {
        ImportMapping m = find(id);
        apply(m, in);
        Writes.flush(em, UNIQUE);
        events.append("import_mapping", m.id, "updated", Map.of("name", m.name, "objectType", m.objectType));
        return ImportMappingView.of(m);
    }

    @Transactional
    @RequiresScope("imports:write")
    public void delete(UUID id) {
        if (Records.archive(find(id), events, "import_mapping", clock.now())) {
            Writes.flush(em, UNIQUE);
        }
    }

    /** The columns of a mapping an import names, checked to fit what is imported. */
    Map<String, String> columnsFor(UUID id, String objectType) {
        ImportMapping m = find(id);
        if (!m.objectType.equals(objectType)) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "mappingId", "invalid_value",
                    "The mapping " + id + " is for " + m.objectType + " records, not " + objectType);
        }
        return m.columns;
    }

    private void apply(ImportMapping m, ImportMappingInput in) {
        RecordService<?, ?, ?> service = kinds.of(in.objectType(), "objectType");
        String label = service.recordType().label();
        ImportItems items = new ImportItems(mapper, kinds, service.inputType(), definitions.typesOf(label));
        Set<String> hidden = access.hiddenFields(label);
        List<FieldError> problems = new ArrayList<>();
        Map<String, String> columns = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : in.columns().entrySet()) {
            String column = c.getKey() == null ? "" : c.getKey().trim();
            String field = c.getValue() == null ? "" : c.getValue().trim();
            String first = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
            if (column.isEmpty() || field.isEmpty()) {
                problems.add(new FieldError("columns." + column, "required", "Name a column and the field it fills"));
            } else if (hidden.contains(field) || hidden.contains(first)) {
                problems.add(new FieldError("columns." + column, "hidden_field", "The field '" + field + "' is hidden from your role"));
            } else if (!items.knows(field)) {
                problems.add(new FieldError("columns." + column, "unknown_field", "No field '" + field + "' on " + label + " records"));
            } else if (columns.containsValue(field)) {
                problems.add(new FieldError("columns." + column, "duplicate", "Two columns fill '" + field + "'"));
            } else {
                columns.put(column, field);
            }
        }
        if (!problems.isEmpty()) {
            throw new TorreException(ErrorCode.VALIDATION, "The mapping does not fit " + label + " records", problems);
        }
        m.name = in.name().trim();
        m.objectType = in.objectType();
        m.columns = columns;
    }

    private ImportMapping find(UUID id) {
        ImportMapping m = Records.find(em, ImportMapping.class, id, "Import mapping");
        if (m.archived()) {
            throw TorreException.notFound("Import mapping " + id);
        }
        return m;
    }
}
