package dev.torre.apiclient;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The token signing keys after a rotation: which one signs now, and those still published beside it. */
@Schema(name = "SigningKeys")
public record SigningKeyView(
        @Schema(required = true, description = "The kid of the key that signs new tokens") String current,
        @Schema(required = true, description = "The published keys, newest first (as in /.well-known/jwks.json)") List<Key> keys) {

    /** One published key; a superseded key is unpublished and refused at {@code retiresAt}. */
    @Schema(name = "SigningKey")
    public record Key(@Schema(required = true) String kid, @Schema(required = true) Instant createdAt,
            @Schema(description = "When the key stops verifying and leaves the JWK set; null for the current key") Instant retiresAt) {
    }
}
