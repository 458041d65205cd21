package dev.torre.apiclient;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An API client as the API shows it; {@code clientSecret} only in the answer that created or rotated it. */
@Type("ApiClient")
public record ApiClientView(@Id UUID id, String clientId, String name, List<String> scopes, List<String> roles, Integer rateLimit,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Ignore
        @Schema(description = "The client secret, shown only when created or rotated") String clientSecret,
        Instant previousSecretExpiresAt, long version, Instant createdAt, Instant updatedAt, Instant archivedAt) {

    static ApiClientView of(ApiClient c) {
        return new ApiClientView(c.id, c.clientId(), c.name, List.copyOf(c.scopes), List.copyOf(c.roles), c.rateLimit,
                c.revealedSecret, c.previousSecretUntil, c.version, c.createdAt, c.updatedAt, c.archivedAt);
    }
}
