package dev.torre.apiclient;

import java.util.UUID;

/**
 * A client id is {@code <tenant>.<uuid>}: the token endpoint is called without a tenant, and the id says which
 * tenant's wall to look behind. Tenant ids may hold dots, ids never do, so it splits at the last one.
 */
final class ClientIds {

    /** A client id taken apart. */
    record Parsed(String tenant, UUID id) {
    }

    private ClientIds() {
    }

    static String of(String tenant, UUID id) {
        return tenant + "." + id;
    }

    /** The tenant and id a client id names, or null when it is not one. */
    static Parsed parse(String clientId) {
        if (clientId == null) {
            return null;
        }
        int dot = clientId.lastIndexOf('.');
        if (dot <= 0 || dot == clientId.length() - 1) {
            return null;
        }
        String tenant = clientId.substring(0, dot);
        if (!tenant.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            return null;
        }
        try {
            return new Parsed(tenant, UUID.fromString(clientId.substring(dot + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
