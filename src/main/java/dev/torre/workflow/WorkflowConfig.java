package dev.torre.workflow;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Workflows' settings for the whole server ({@code torre.workflows.*}). */
@ConfigMapping(prefix = "torre.workflows")
public interface WorkflowConfig {

    Worker worker();

    Messages messages();

    /** Runs about one record that may start per hour across a tenant's workflows; more are cut off (a runaway guard). */
    @WithDefault("20")
    int maxRunsPerRecordPerHour();

    /** Steps one run may take in one pass before it yields (a branch cannot loop, so this only bounds long lists). */
    @WithDefault("200")
    int maxStepsPerPass();

    /** The background loops: triggers from the event log, due waits, schedules and dates. */
    interface Worker {
        /** Whether this instance runs the loops (tests drive them directly instead). */
        @WithDefault("true")
        boolean enabled();

        /** Events read per tenant and pass. */
        @WithDefault("500")
        int eventBatch();

        /** Due waits claimed per tenant and pass. */
        @WithDefault("200")
        int wakeBatch();

        /** Threads that advance a pass's due runs at once (each run is its own claim and transaction). */
        @WithDefault("4")
        int wakeThreads();

        /**
         * Due runs claimed together and stepped once each in one transaction (1: each alone); a step that throws undoes
         * its group, whose runs then go one by one as before.
         */
        @WithDefault("25")
        int wakeGroup();
    }

    /** What keeps workflow messages from flooding people. */
    interface Messages {
        /** At most this many messages of a capped purpose per contact within {@link #capWindow()}, across all workflows. */
        @WithDefault("3")
        int cap();

        @WithDefault("P7D")
        Duration capWindow();

        /** The purposes the cap counts. */
        @WithDefault("marketing")
        List<String> cappedPurposes();

        /** What a capped message does: wait (until the window has room) or skip. */
        @WithDefault("wait")
        String whenCapped();

        /** Quiet hours, in the contact's time zone (contacts have none yet: the tenant default below); start = end: none. */
        @WithDefault("21:00")
        LocalTime quietStart();

        @WithDefault("08:00")
        LocalTime quietEnd();

        /** The time zone quiet hours are read in, as contacts carry no time zone of their own. */
        @WithDefault("Europe/Madrid")
        String timeZone();
    }
}
