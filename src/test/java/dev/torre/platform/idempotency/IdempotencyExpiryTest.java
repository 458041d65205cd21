package dev.torre.platform.idempotency;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.torre.platform.tenancy.TenantContext;
import io.quarkus.test.junit.QuarkusTest;

/** Keys live 24 hours: within them a key is bound to its first body; after them it is free again. */
@QuarkusTest
class IdempotencyExpiryTest {

    @Inject
    DataSource dataSource;

    @Test
    void aKeyOlderThanADayMayBeUsedForANewRequest() {
        String tenant = newTenant();
        String first = admin(tenant).header("Idempotency-Key", "order-import-1").body(Map.of("email", "first@example.com"))
                .when().post("/v1/contacts").then().statusCode(201).extract().path("id");
        admin(tenant).header("Idempotency-Key", "order-import-1").body(Map.of("email", "second@example.com"))
                .when().post("/v1/contacts").then().statusCode(422);

        assertEquals(1, age(tenant, "order-import-1", "23 hours"));
        admin(tenant).header("Idempotency-Key", "order-import-1").body(Map.of("email", "second@example.com"))
                .when().post("/v1/contacts").then().statusCode(422);

        assertEquals(1, age(tenant, "order-import-1", "25 hours"));
        String second = admin(tenant).header("Idempotency-Key", "order-import-1").body(Map.of("email", "second@example.com"))
                .when().post("/v1/contacts").then().statusCode(201).extract().path("id");
        assertNotEquals(first, second);
        admin(tenant).header("Idempotency-Key", "order-import-1").body(Map.of("email", "second@example.com"))
                .when().post("/v1/contacts").then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    /** Moves the key's creation back in time, as the hours passing would; answers the rows changed. */
    private int age(String tenant, String key, String by) {
        return TenantContext.callAs(tenant, () -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement update = c.prepareStatement(
                            "update idempotency_key set created_at = now() - cast(? as interval) where tenant_id = ? and key = ?")) {
                update.setString(1, by);
                update.setString(2, tenant);
                update.setString(3, key);
                return update.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
