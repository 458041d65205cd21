package dev.torre.apiclient;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** REST for rotating the key that signs client tokens (admin). */
@Path("/v1/signing-keys")
@Tag(name = "API clients")
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeyResource {

    @Inject
    SigningKeyService keys;

    @POST
    @Path("rotate")
    @Operation(summary = "Rotate the token signing key", description = "A new ES256 key signs client tokens from now on (on every "
            + "instance within torre.oauth.signing-key-refresh, 30 s). The previous key stays in /.well-known/jwks.json and keeps "
            + "verifying until every token it signed has expired (token lifetime + refresh + clock skew), then is dropped. "
            + "409 while torre.oauth.max-published-keys keys are published.")
    public SigningKeyView rotate() {
        return keys.rotate();
    }
}
