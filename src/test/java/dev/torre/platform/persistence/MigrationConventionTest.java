package dev.torre.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The migration conventions of the README: a version is the UTC time of writing, so versions
 * sort in the order the files were written, and the tenant wall is written once, in
 * {@code torre_tenant_wall}, never pasted into a migration.
 */
class MigrationConventionTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Pattern NAME = Pattern.compile("V(\\d{4}_\\d{2}_\\d{2}_\\d{4})__[a-z0-9]+(_[a-z0-9]+)*\\.sql");
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyy_MM_dd_HHmm");

    @Test
    void everyVersionIsATimeOfWritingThatHasPassed() throws IOException {
        List<String> bad = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        for (Path file : migrations()) {
            Matcher name = NAME.matcher(file.getFileName().toString());
            if (!name.matches()) {
                bad.add(file.getFileName() + " (expected V<yyyy_MM_dd_HHmm>__<verb>_<object>.sql)");
                continue;
            }
            LocalDateTime written = LocalDateTime.parse(name.group(1), VERSION);
            if (written.isAfter(LocalDateTime.now(ZoneOffset.UTC).plusDays(1))) {
                bad.add(file.getFileName() + " (a version in the future)");
            }
            versions.add(name.group(1));
        }
        assertEquals(List.of(), bad);
        assertEquals(versions.stream().distinct().count(), versions.size(), "two migrations share a version: " + versions);
        assertTrue(versions.size() > 10, "the migrations were not found in " + MIGRATIONS.toAbsolutePath());
    }

    @Test
    void theTenantWallIsWrittenOnceAndCalledByEveryTenantTable() throws IOException {
        List<String> pasted = new ArrayList<>();
        List<String> unwalled = new ArrayList<>();
        Pattern table = Pattern.compile("create table (\\w+) \\(\\s*tenant_id\\b");
        for (Path file : migrations()) {
            String sql = Files.readString(file);
            if (sql.contains("create policy tenant_wall") && !sql.contains("create procedure torre_tenant_wall")) {
                pasted.add(file.getFileName().toString());
            }
            Matcher created = table.matcher(sql);
            while (created.find()) {
                if (!sql.contains("torre_tenant_wall('" + created.group(1) + "')") && !created.group(1).equals("tenant")) {
                    unwalled.add(file.getFileName() + ": " + created.group(1));
                }
            }
        }
        assertEquals(List.of(), pasted, "migrations that paste the tenant policy instead of calling torre_tenant_wall");
        assertEquals(List.of(), unwalled, "tenant tables created without torre_tenant_wall in the same migration");
    }

    private static List<Path> migrations() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
        }
    }
}
