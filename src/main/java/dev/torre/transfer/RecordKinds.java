package dev.torre.transfer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.persistence.RecordService;

/**
 * The kinds of record imports and exports handle, found among the record services by their event name: each is
 * written through its own service's batch upsert and read through its own list, so a kind added here needs no
 * other code of its own.
 */
@ApplicationScoped
public class RecordKinds {

    /** The object types offered, in the order error messages list them. */
    static final List<String> OFFERED = List.of("contact", "company", "deal", "product", "order");

    @Inject
    Instance<RecordService<?, ?, ?>> services;

    private volatile Map<String, RecordService<?, ?, ?>> byLabel;

    /** The service of an offered object type; a 400 naming {@code field} for any other. */
    RecordService<?, ?, ?> of(String objectType, String field) {
        RecordService<?, ?, ?> service = objectType == null || !OFFERED.contains(objectType) ? null : all().get(objectType);
        if (service == null) {
            throw new TorreException(ErrorCode.VALIDATION, field + " must be one of " + String.join(", ", OFFERED),
                    List.of(new FieldError(field, "invalid_value", "One of " + String.join(", ", OFFERED))));
        }
        return service;
    }

    /** The service of any record kind by its event name (links such as companyExternalId), if there is one. */
    Optional<RecordService<?, ?, ?>> find(String label) {
        return Optional.ofNullable(all().get(label));
    }

    private Map<String, RecordService<?, ?, ?>> all() {
        if (byLabel == null) {
            byLabel = services.stream().collect(Collectors.toMap(s -> s.recordType().label(), s -> s, (a, b) -> a));
        }
        return byLabel;
    }
}
