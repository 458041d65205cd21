package dev.torre.platform.security;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified token that reads each of its custom claims ({@code tid}, {@code scope}, {@code client_id}, {@code rate})
 * once. SmallRye's token looks every claim name up among the standard ones with {@code Enum.valueOf}, which throws,
 * stack trace and all, for any other name: about ten exceptions a request, a tenth of the allocations of an
 * instance under load. The token is remembered across requests ({@link VerifiedTokens}) and its claims never change,
 * so their values are kept beside it; the standard claims go straight to the token.
 */
final class RememberedClaims implements JsonWebToken {

    private static final Set<String> STANDARD = Arrays.stream(Claims.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    /** Stands for a claim the token does not carry (a map holds no null). */
    private static final Object ABSENT = new Object();

    private final JsonWebToken token;
    private final Map<String, Object> custom = new ConcurrentHashMap<>();

    RememberedClaims(JsonWebToken token) {
        this.token = token;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        if (STANDARD.contains(name)) {
            return token.getClaim(name);
        }
        Object value = custom.computeIfAbsent(name, n -> {
            Object claim = token.getClaim(n);
            return claim == null ? ABSENT : claim;
        });
        return value == ABSENT ? null : (T) value;
    }

    @Override
    public String getName() {
        return token.getName();
    }

    @Override
    public Set<String> getClaimNames() {
        return token.getClaimNames();
    }

    @Override
    public Set<String> getAudience() {
        return token.getAudience();
    }

    @Override
    public Set<String> getGroups() {
        return token.getGroups();
    }

    @Override
    public String toString() {
        return token.toString();
    }
}
