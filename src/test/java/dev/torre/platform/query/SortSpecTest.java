package dev.torre.platform.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.torre.platform.query.Fixtures.CONTACTS;
import static dev.torre.platform.query.Fixtures.queryError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SortSpecTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            -updatedAt,lastName | -updatedAt,lastName,id | c.updated_at DESC NULLS FIRST, c.last_name ASC NULLS LAST, c.id ASC
            +lastName           | lastName,id            | c.last_name ASC NULLS LAST, c.id ASC
            ' LASTNAME , -Score'| lastName,-score,id     | c.last_name ASC NULLS LAST, c.score DESC NULLS FIRST, c.id ASC
            -id                 | -id                    | c.id DESC
            id,lastName         | id,lastName            | c.id ASC, c.last_name ASC NULLS LAST
            lastName,-id        | lastName,-id           | c.last_name ASC NULLS LAST, c.id DESC
            email,lastName,lifecycleStage,score,active | email,lastName,lifecycleStage,score,active,id | c.email ASC NULLS LAST, c.last_name ASC NULLS LAST, c.lifecycle_stage ASC NULLS LAST, c.score ASC NULLS LAST, c.active ASC NULLS LAST, c.id ASC
            """)
    void parses(String text, String signature, String orderBy) {
        SortSpec<Fixtures.Contact> sort = SortSpec.parse(text, CONTACTS, "-updatedAt");
        assertEquals(signature, sort.signature());
        assertEquals(orderBy, sort.orderBy());
        assertEquals(signature, sort.toString());
    }

    @Test
    void defaultApplies() {
        assertEquals("-updatedAt,id", SortSpec.parse(null, CONTACTS, "-updatedAt").signature());
        assertEquals("-updatedAt,id", SortSpec.parse("  ", CONTACTS, "-updatedAt").signature());
        assertEquals("c.id ASC", SortSpec.parse(null, CONTACTS, null).orderBy());
        assertEquals("lastName,id", SortSpec.parse("lastName", CONTACTS, "-updatedAt").signature());
    }

    @Test
    void keysExposeFieldsAndDirections() {
        SortSpec<Fixtures.Contact> sort = SortSpec.parse("-score", CONTACTS, null);
        assertEquals(2, sort.keys().size());
        assertSame(CONTACTS.field("score").orElseThrow(), sort.keys().get(0).field());
        assertTrue(sort.keys().get(0).descending());
        assertSame(CONTACTS.id(), sort.keys().get(1).field());
        assertSame(CONTACTS, sort.registry());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            emial              | unknown_field | Unknown sort field 'emial' (key 1); sortable fields: id, email, lastName, lifecycleStage, score, active, updatedAt
            lastName,-nope     | unknown_field | Unknown sort field 'nope' (key 2)
            properties.plan    | unknown_field | Sorting by JSON properties ('properties.plan') is not supported; sortable fields:
            tags               | invalid_value | Field 'tags' (key 1) cannot be used for sorting; sortable fields: id, email,
            companyId          | invalid_value | Field 'companyId' (key 1) cannot be used for sorting
            lastName,-LASTNAME | invalid_value | Field 'lastName' appears more than once in the sort (key 2)
            -id,id             | invalid_value | Field 'id' appears more than once in the sort (key 2)
            'lastName,'        | invalid_value | Sort key 2 is empty
            '-'                | invalid_value | Sort key 1 is empty
            ',lastName'        | invalid_value | Sort key 1 is empty
            --lastName         | unknown_field | Unknown sort field '-lastName'
            a,b,c,d,e,f        | invalid_value | The sort has 6 keys; the limit is 5
            """)
    void rejects(String text, String code, String message) {
        String actual = queryError("sort", code, () -> SortSpec.parse(text, CONTACTS, null));
        assertTrue(actual.startsWith(message), actual);
    }

    @Test
    void rejectsOverlongText() {
        String text = "lastName" + " ".repeat(393);
        assertEquals("lastName,id", SortSpec.parse(text.substring(0, 400), CONTACTS, null).signature());
        String message = queryError("sort", "invalid_value", () -> SortSpec.parse(text, CONTACTS, null));
        assertEquals("The sort is 401 characters long; the limit is 400", message);
    }
}
