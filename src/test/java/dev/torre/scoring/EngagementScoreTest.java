package dev.torre.scoring;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torre.testing.Bodies;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Drain;
import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A delivery partner's outcome on a message (its interaction's {@code status}) can earn a behaviour rule's points:
 * an opened or clicked marketing email counts as engagement once the partner reports it, a bounce does not.
 */
@QuarkusTest
class EngagementScoreTest {

    private static final Instant NOW = Instant.parse("2030-03-04T10:00:00Z");

    @Inject
    ScoringWorker worker;

    private final String tenant = newTenant();

    @BeforeEach
    void stopTheClock() {
        TestTime.set(NOW.toString());
    }

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    @Test
    void anOpenedOrClickedMessageEarnsAnEngagementRulesPointsOnceThePartnerReportsIt() {
        admin(tenant).body(Bodies.scoringRule().name("Engaged with an email").kind("behaviour").interactionType("email")
                .match("status eq \"opened\" or status eq \"clicked\"").windowDays(30).minCount(1).points(20).build()).when().post("/v1/scoring/rules").then().statusCode(201);
        String opens = Seed.contactWithEmail(tenant, "olga@acme.es");
        String bounces = Seed.contactWithEmail(tenant, "bea@acme.es");
        String toOlga = message(opens);
        String toBea = message(bounces);
        catchUp();
        int olgaBefore = score(opens);
        int beaBefore = score(bounces);

        report(toOlga, "delivered");
        report(toOlga, "opened");
        report(toBea, "bounced");
        catchUp();
        assertEquals(olgaBefore + 20, score(opens), "the open reported on the message is engagement");
        assertEquals(beaBefore, score(bounces), "a bounce is not");
        List<String> factors = admin(tenant).when().get("/v1/contacts/{id}/score", opens).then().statusCode(200)
                .extract().path("factors.name");
        assertEquals(true, factors.contains("Engaged with an email"), "and the factor names the rule: " + factors);
    }

    private void catchUp() {
        Drain.untilIdle(() -> worker.catchUp(tenant, NOW) + worker.rescoreStep(tenant, NOW, 1000));
    }

    private int score(String contact) {
        return admin(tenant).when().get("/v1/contacts/{id}/score", contact).then().statusCode(200).extract().path("value");
    }

    private String message(String contact) {
        return admin(tenant).body(Map.of("type", "email", "direction", "outbound", "occurredAt", "2030-03-03T10:00:00Z", "contactId", contact,
                "purpose", "service_notifications", "consentOverrideReason", "test", "status", "sent"))
                .when().post("/v1/interactions").then().statusCode(201).extract().path("id");
    }

    private void report(String interaction, String status) {
        admin(tenant).contentType("application/merge-patch+json").body(Map.of("status", status))
                .when().patch("/v1/interactions/{id}", interaction).then().statusCode(200);
    }
}
