package dev.torre.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the server logs while a test runs, read from the root java.util.logging logger (which the JBoss log manager
 * feeds): a test starts it before it acts and stops it after.
 */
public final class LogCapture {

    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public void start() {
        Logger.getLogger("").addHandler(handler);
    }

    public void stop() {
        Logger.getLogger("").removeHandler(handler);
    }

    /** The records so far, in the order logged. */
    public List<LogRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    public void clear() {
        records.clear();
    }

    /** The records at SEVERE or above, each as "logger: message". */
    public List<String> errors() {
        return records().stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(r -> r.getLoggerName() + ": " + formatted(r)).toList();
    }

    /** A record's message with its parameters filled in. */
    public static String formatted(LogRecord r) {
        if (r instanceof org.jboss.logmanager.ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        Object[] parameters = r.getParameters();
        String message = String.valueOf(r.getMessage());
        return parameters == null || parameters.length == 0 ? message : String.format(message, parameters);
    }
}
