package dev.torre.privacy;

import java.time.Instant;
import java.util.UUID;

/**
 * A data-subject request as the API shows it; an access request's export is read from
 * {@code exportUrl} once the state is completed.
 *
 * @param state    received, running, completed or failed
 * @param progress 0 to 100
 */
public record PrivacyRequestView(UUID id, String type, UUID contactId, String state, int progress, String failure,
        String requestedBy, Instant createdAt, Instant completedAt, String exportUrl) {

    static PrivacyRequestView of(PrivacyRequest r) {
        String export = "access".equals(r.type) && "completed".equals(r.state) && r.result != null
                ? "/v1/privacy/requests/" + r.id + "/export" : null;
        return new PrivacyRequestView(r.id, r.type, r.contactId, r.state, r.progress, r.failure, r.requestedBy, r.createdAt,
                r.completedAt, export);
    }
}
