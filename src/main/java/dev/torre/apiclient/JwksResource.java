package dev.torre.apiclient;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.security.SigningKeys;

/** The public keys that verify Torre's client tokens, as a JWK set (RFC 7517); public, like any JWKS. */
@Path("/.well-known/jwks.json")
@Tag(name = "API clients")
@PermitAll
public class JwksResource {

    @Inject
    SigningKeys keys;

    @GET
    @Produces({ "application/jwk-set+json", "application/json" })
    @SecurityRequirements
    @Operation(summary = "Torre's token signing keys", description = "A JWK set; each key has a kid that tokens name in their header.")
    public Response jwks() {
        Map<String, Object> set = keys.jwks();
        return Response.ok(set).header("Cache-Control", "public, max-age=300").build();
    }
}
