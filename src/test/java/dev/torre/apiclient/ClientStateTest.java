package dev.torre.apiclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Which tokens a client's state admits, and how client ids are read: the rules behind revocation, without a server. */
class ClientStateTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void aTokenOfTheCurrentSecretIsAdmittedWhileTheClientExists() {
        ClientStates.State state = new ClientStates.State(true, 3, null);
        assertTrue(state.admits(3, NOW));
        assertFalse(state.admits(2, NOW), "no overlap: the previous secret's tokens are out");
        assertFalse(state.admits(4, NOW), "a generation from the future is forged");
        assertFalse(ClientStates.State.GONE.admits(0, NOW));
        assertFalse(new ClientStates.State(false, 3, null).admits(3, NOW));
    }

    @Test
    void thePreviousSecretsTokensAreAdmittedUntilTheOverlapEnds() {
        ClientStates.State state = new ClientStates.State(true, 3, NOW.plusSeconds(60));
        assertTrue(state.admits(2, NOW));
        assertFalse(state.admits(2, NOW.plusSeconds(60)));
        assertFalse(state.admits(1, NOW), "only the one before the current");
    }

    @Test
    void aClientIdIsTenantDotIdSplitAtTheLastDot() {
        UUID id = UUID.randomUUID();
        assertEquals(new ClientIds.Parsed("acme.eu", id), ClientIds.parse(ClientIds.of("acme.eu", id)));
        assertNull(ClientIds.parse("acme"));
        assertNull(ClientIds.parse("acme." + "not-a-uuid"));
        assertNull(ClientIds.parse("." + id));
        assertNull(ClientIds.parse("bad tenant." + id));
        assertNull(ClientIds.parse(null));
    }
}
