package dev.torre.workflow;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import dev.torre.testing.TestTime;

/** The workflow tests start each test with the server's clock stopped on one Monday morning, and give real time back after. */
abstract class FromAFixedMorning {

    /** The instant every test starts from: a Monday, 10:00 UTC. */
    static final String MORNING = "2030-03-04T10:00:00Z";

    @BeforeEach
    void stopTheClock() {
        TestTime.set(MORNING);
    }

    @AfterEach
    void realTime() {
        TestTime.reset();
    }
}
