package dev.torre.platform.audit;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.as;
import static dev.torre.testing.Api.newTenant;
import static dev.torre.testing.Problems.problem;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.torre.testing.Seed;
import dev.torre.testing.TestTime;
import dev.torre.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/**
 * The bulk-read guard's working hours are the tenant's, in its time zone: the stricter
 * threshold (3 records an hour here, against 100) follows the zone's clock, not UTC's.
 * The server's clock is set, never waited for.
 */
@QuarkusTest
class BulkReadWorkingHoursTest {

    private final String tenant = newTenant();

    @BeforeEach
    void fiveContacts() {
        for (int i = 0; i < 5; i++) {
            Seed.contact(tenant, "Ana" + i, "Lee");
        }
    }

    @AfterEach
    void realTime() {
        TestTime.reset();
    }

    @Test
    void atMidnightInTokyoTheStricterThresholdHoldsThoughItIsAfternoonInUtc() {
        workingHoursIn("Asia/Tokyo");
        TestTime.set("2026-12-07T15:00:00Z"); // Monday 15:00 UTC, Tuesday 00:00 in Tokyo
        String reader = reader("night-reader");

        readTwo(reader);
        readTwo(reader); // 4 records, past 3: answered, and the reader is blocked from now on
        as(reader).queryParam("limit", 2).when().get("/v1/contacts").then().spec(problem(429))
                .body("type", equalTo("/problems/bulk-read-blocked"));
    }

    @Test
    void inTheNewYorkEveningTheWorkingHoursThresholdHoldsThoughUtcIsPastMidnightUntilEightPm() {
        workingHoursIn("America/New_York");
        TestTime.set("2026-12-08T00:30:00Z"); // Tuesday 00:30 UTC, Monday 19:30 in New York
        String reader = reader("day-reader");

        readTwo(reader);
        readTwo(reader);
        readTwo(reader); // 6 records: under 100, over 3

        TestTime.set("2026-12-08T01:05:00Z"); // 20:05 in New York, same sliding hour: working hours are over
        readTwo(reader); // 8 records, past 3: answered, and blocked from now on
        as(reader).queryParam("limit", 2).when().get("/v1/contacts").then().spec(problem(429));
    }

    @Test
    void aSaturdayIsOutsideWorkingHoursAllDay() {
        workingHoursIn("Europe/Madrid");
        TestTime.set("2026-12-05T11:00:00Z"); // Saturday noon in Madrid
        String reader = reader("weekend-reader");

        readTwo(reader);
        readTwo(reader);
        as(reader).queryParam("limit", 2).when().get("/v1/contacts").then().spec(problem(429));
    }

    @Test
    void workingHoursStartAtWorkStartAndEndJustBeforeWorkEnd() {
        workingHoursIn("Europe/Madrid");
        TestTime.set("2026-12-07T07:00:00Z"); // Monday 08:00 in Madrid: working
        String early = reader("early-reader");
        readTwo(early);
        readTwo(early);
        readTwo(early);

        TestTime.set("2026-12-07T19:00:00Z"); // Monday 20:00 in Madrid: over
        String late = reader("late-reader");
        readTwo(late);
        readTwo(late);
        as(late).queryParam("limit", 2).when().get("/v1/contacts").then().spec(problem(429));
    }

    private void workingHoursIn(String zone) {
        admin(tenant).body(Map.of("perHour", 100, "perHourOutsideWorkingHours", 3,
                "workingDays", List.of("mon", "tue", "wed", "thu", "fri"), "workStart", "08:00", "workEnd", "20:00", "timeZone", zone))
                .when().put("/v1/security/bulk-read-policy").then().statusCode(200).body("timeZone", equalTo(zone));
    }

    private String reader(String subject) {
        return Tokens.sign(Jwt.issuer("torre-dev").subject(subject).groups(Set.of("sales")).claim("tid", tenant));
    }

    private static void readTwo(String token) {
        as(token).queryParam("limit", 2).when().get("/v1/contacts").then().statusCode(200);
    }
}
