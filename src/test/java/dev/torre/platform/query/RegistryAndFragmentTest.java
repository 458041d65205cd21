package dev.torre.platform.query;

import dev.torre.platform.query.Fixtures.Contact;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static dev.torre.platform.query.Fixtures.CONTACTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryAndFragmentTest {

    private static FieldRegistry.Builder<Contact> builder() {
        return FieldRegistry.builder("contact", "c.id", Contact::id);
    }

    @Test
    void idIsRegisteredAndSortable() {
        FieldDef<Contact> id = CONTACTS.id();
        assertEquals("id", id.name());
        assertEquals("c.id", id.sql());
        assertEquals(FieldType.UUID, id.type());
        assertTrue(id.sortable());
        assertSame(id, CONTACTS.field("ID").orElseThrow());
    }

    @Test
    void lookupIgnoresCase() {
        assertEquals("c.utm_campaign", CONTACTS.field("Source.Campaign").orElseThrow().sql());
        assertTrue(CONTACTS.field("nope").isEmpty());
        assertEquals("properties", CONTACTS.jsonPrefix().orElseThrow());
        assertEquals("c.properties", CONTACTS.jsonSql().orElseThrow());
        assertEquals(List.of("id", "email", "lastName", "lifecycleStage", "score", "active", "updatedAt", "companyId",
                "tags", "source.campaign"), CONTACTS.fields().stream().map(FieldDef::name).toList());
    }

    @Test
    void builderRefusesMistakes() {
        assertThrows(IllegalArgumentException.class,
                () -> builder().field("tags", "c.tags", FieldType.STRING, null).sortable().build());
        assertThrows(IllegalArgumentException.class,
                () -> builder().field("tags", "c.tags", FieldType.STRING_ARRAY, Contact::email).sortable().build());
        assertThrows(IllegalArgumentException.class,
                () -> builder().field("stage", "c.stage", FieldType.ENUM, Contact::stage).build());
        assertThrows(IllegalArgumentException.class,
                () -> builder().field("name", "c.name", FieldType.STRING, null).enumValues("a").build());
        assertThrows(IllegalArgumentException.class,
                () -> builder().field("score", "c.score", FieldType.NUMBER, null).lowercaseValues().build());
        assertThrows(IllegalArgumentException.class,
                () -> builder().field("email", "c.email", FieldType.STRING, null)
                        .field("Email", "c.email2", FieldType.STRING, null).build());
        assertThrows(IllegalArgumentException.class,
                () -> builder().field("Id", "c.other", FieldType.UUID, null).build());
        assertThrows(IllegalArgumentException.class,
                () -> builder().field("first-name", "c.first_name", FieldType.STRING, null).build());
        assertThrows(IllegalArgumentException.class,
                () -> builder().field("x", "c.props ? 'x'", FieldType.BOOLEAN, null).build());
        assertThrows(IllegalArgumentException.class,
                () -> builder().field("properties.x", "c.x", FieldType.STRING, null)
                        .jsonProperties("properties", "c.properties").build());
        assertThrows(IllegalStateException.class, () -> builder().sortable());
        assertThrows(IllegalStateException.class,
                () -> builder().jsonProperties("properties", "c.properties").lowercaseValues());
        assertThrows(IllegalArgumentException.class, () -> FieldRegistry.builder(" ", "c.id", Contact::id));
    }

    @Test
    void valuesAreNormalised() {
        record Row(Object v) {
        }
        FieldDef<Row> number = new FieldDef<>("n", "r.n", FieldType.NUMBER, Row::v, true, false, List.of());
        assertEquals(new BigDecimal("7"), number.value(new Row(7)));
        assertEquals(new BigDecimal("7"), number.value(new Row(7L)));
        assertEquals(new BigDecimal("0.1"), number.value(new Row(0.1d)));
        assertThrows(IllegalStateException.class, () -> number.value(new Row("7")));
        assertThrows(IllegalStateException.class, () -> number.value(new Row(Double.NaN)));
        FieldDef<Row> time = new FieldDef<>("t", "r.t", FieldType.TIMESTAMP, Row::v, true, false, List.of());
        assertEquals(OffsetDateTime.parse("2024-05-01T10:00:00Z"), time.value(new Row(Instant.parse("2024-05-01T10:00:00Z"))));
        assertEquals(OffsetDateTime.parse("2024-05-01T10:00:00Z"),
                time.value(new Row(OffsetDateTime.parse("2024-05-01T12:00:00+02:00"))));
        FieldDef<Row> uuid = new FieldDef<>("u", "r.u", FieldType.UUID, Row::v, true, false, List.of());
        assertThrows(IllegalStateException.class, () -> uuid.value(new Row(UUID.randomUUID().toString())));
        assertEquals(null, uuid.value(new Row(null)));
    }

    @Test
    void fragmentsJoinWithAnd() {
        SqlFragment a = SqlFragment.of("a = ?", 1);
        SqlFragment b = SqlFragment.of("b = ? OR c = ?", 2, 3);
        assertEquals(SqlFragment.EMPTY, SqlFragment.and());
        assertEquals(SqlFragment.EMPTY, SqlFragment.and(SqlFragment.EMPTY, SqlFragment.EMPTY));
        assertSame(a, SqlFragment.and(SqlFragment.EMPTY, a));
        assertEquals(new SqlFragment("(a = ?) AND (b = ? OR c = ?)", List.of(1, 2, 3)),
                SqlFragment.and(a, SqlFragment.EMPTY, b));
        assertEquals(SqlFragment.and(a, b), SqlFragment.and(List.of(a, b)));
        assertEquals(" WHERE a = ?", a.whereClause());
        assertEquals("", SqlFragment.EMPTY.whereClause());
        assertFalse(a.isEmpty());
    }

    @Test
    void fragmentsCheckTheirParameters() {
        assertThrows(IllegalArgumentException.class, () -> SqlFragment.of("a = ? AND b = ?", 1));
        assertThrows(IllegalArgumentException.class, () -> SqlFragment.of("a = 1", 1));
        assertThrows(NullPointerException.class, () -> new SqlFragment("a = ?", Arrays.asList((Object) null)));
    }
}
