package dev.torre.platform.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** {@link FieldRegistry#with}: another entity's fields under a prefix, aimed at another table alias. */
class RegistryCompositionTest {

    record Person(UUID id) {
    }

    record Account(UUID id, String tier) {
    }

    private static final FieldRegistry<Person> PEOPLE = FieldRegistry.<Person>builder("person", "c.id", Person::id)
            .field("email", "c.email", FieldType.STRING, null).lowercaseValues()
            .jsonProperties("properties", "c.properties")
            .build();

    private static final FieldRegistry<Account> ACCOUNTS = FieldRegistry.<Account>builder("account", "c.id", Account::id)
            .field("tier", "c.tier", FieldType.ENUM, Account::tier).enumValues("gold", "silver").sortable()
            .build();

    @Test
    void theOtherFieldsFilterUnderThePrefixOnTheirAlias() {
        FieldRegistry<Person> both = PEOPLE.with("account", ACCOUNTS, "co");
        FieldDef<Person> tier = both.field("account.tier").orElseThrow();
        assertEquals("co.tier", tier.sql());
        assertEquals(List.of("gold", "silver"), tier.enumValues());
        assertFalse(tier.sortable(), "no getter on this side to sort by");
        assertEquals("co.id", both.field("account.id").orElseThrow().sql());
        assertEquals("c.email", both.field("email").orElseThrow().sql());
        assertEquals("properties", both.jsonPrefix().orElseThrow());

        SqlFragment sql = FilterCompiler.compile("email ew \"@acme.es\" and account.tier eq \"gold\"", both, Fixtures.NOW);
        assertTrue(sql.sql().contains("co.tier = ?"), sql.sql());
        assertEquals(List.of("%@acme.es", "gold"), sql.params());
        assertThrows(dev.torre.platform.error.TorreException.class,
                () -> FilterCompiler.compile("account.tier eq \"bronze\"", both, Fixtures.NOW));
    }

    @Test
    void onlyPlainColumnsCanBeReAimed() {
        FieldRegistry<Account> computed = FieldRegistry.<Account>builder("account", "c.id", Account::id)
                .field("name", "lower(c.name)", FieldType.STRING, null).build();
        assertThrows(IllegalArgumentException.class, () -> PEOPLE.with("account", computed, "co"));
        assertThrows(IllegalArgumentException.class, () -> PEOPLE.with("account", ACCOUNTS, "co").with("account", ACCOUNTS, "co"));
    }
}
