import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the server's CPU went in each benchmark phase: reads a JFR recording of the whole run and the phase windows
 * bench/run wrote (name, start and end in epoch milliseconds, tab-separated), and prints per phase the share of
 * execution samples by library (the sample's nearest frame outside the JDK), by thread kind, and the Torre methods
 * that most often sat nearest the leaf. Run with the JDK that recorded it: {@code java bench/lib/JfrPhases.java
 * run.jfr windows.tsv [top]}.
 */
public class JfrPhases {

    record Window(String name, long from, long to) {
    }

    /** What one phase's samples add up to. */
    static final class Tally {
        int samples;
        final Map<String, Integer> libraries = new HashMap<>();
        final Map<String, Integer> threads = new HashMap<>();
        final Map<String, Integer> torre = new HashMap<>();
    }

    public static void main(String[] args) throws Exception {
        List<Window> windows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.split("\t");
            if (f.length == 3) {
                windows.add(new Window(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
            }
        }
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Map<String, Tally> tallies = new HashMap<>();
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                Window window = windowOf(windows, event.getStartTime());
                if (window == null || event.getStackTrace() == null) {
                    continue;
                }
                Tally tally = tallies.computeIfAbsent(window.name(), n -> new Tally());
                tally.samples++;
                RecordedStackTrace stack = event.getStackTrace();
                tally.libraries.merge(library(stack), 1, Integer::sum);
                tally.threads.merge(threadKind(event), 1, Integer::sum);
                String method = nearestTorreMethod(stack);
                if (method != null) {
                    tally.torre.merge(method, 1, Integer::sum);
                }
            }
        }
        for (Window window : windows) {
            Tally tally = tallies.get(window.name());
            if (tally == null) {
                continue;
            }
            System.out.printf("## %s: %d samples%n", window.name(), tally.samples);
            print("library", tally.libraries, tally.samples, top);
            print("thread", tally.threads, tally.samples, top);
            print("torre method nearest the leaf", tally.torre, tally.samples, top);
            System.out.println();
        }
    }

    private static Window windowOf(List<Window> windows, Instant at) {
        long ms = at.toEpochMilli();
        for (Window w : windows) {
            if (ms >= w.from() && ms < w.to()) {
                return w;
            }
        }
        return null;
    }

    /** The library of the frame nearest the leaf that is not the JDK's own (the JDK alone when all frames are). */
    private static String library(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return libraryOf(type);
            }
        }
        return "jdk";
    }

    private static String libraryOf(String type) {
        String[][] prefixes = {
                { "org.hibernate.validator", "bean validation" }, { "org.hibernate", "hibernate" },
                { "org.postgresql", "pgjdbc" }, { "io.agroal", "agroal" }, { "com.arjuna", "narayana" },
                { "com.fasterxml.jackson", "jackson" }, { "io.netty", "netty" }, { "io.vertx", "vert.x" },
                { "graphql", "graphql-java" }, { "io.smallrye.graphql", "smallrye graphql" },
                { "io.smallrye.jwt", "jwt" }, { "org.jose4j", "jwt" }, { "io.quarkus.arc", "arc" },
                { "io.quarkus.resteasy", "quarkus rest" }, { "org.jboss.resteasy", "quarkus rest" },
                { "io.quarkus", "quarkus" }, { "io.smallrye", "smallrye" }, { "io.micrometer", "micrometer" },
                { "dev.torre", "torre" } };
        for (String[] p : prefixes) {
            if (type.startsWith(p[0])) {
                return p[1];
            }
        }
        int dot = type.indexOf('.', type.indexOf('.') + 1);
        return dot > 0 ? type.substring(0, dot) : type;
    }

    private static String threadKind(RecordedEvent event) {
        var thread = event.getThread("sampledThread");
        String name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
        return name.replaceAll("[-#]?\\d+$", "").replaceAll("\\d+", "N");
    }

    private static String nearestTorreMethod(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("dev.torre.")) {
                return type.substring("dev.torre.".length()) + "." + frame.getMethod().getName();
            }
        }
        return null;
    }

    private static void print(String title, Map<String, Integer> counts, int total, int top) {
        StringBuilder line = new StringBuilder("- " + title + ": ");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> line.append(String.format("%s %.0f %%, ", e.getKey(), 100.0 * e.getValue() / total)));
        System.out.println(line.substring(0, line.length() - 2));
    }
}
