package dev.torre.platform.error;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A test-only endpoint that fails as a bug would, with an exception whose message and class
 * betray the code behind it; hidden from the contract, and absent from the packaged server.
 */
@Path("/test-only/explode")
public class ExplodingResource {

    static final String SECRET = "kaboom in dev.torre.Secret at line 42";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public String explode() {
        throw new IllegalStateException(SECRET, new java.sql.SQLException("select * from contact where id = 1", "XX000"));
    }
}
