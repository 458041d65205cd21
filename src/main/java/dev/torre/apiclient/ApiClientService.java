package dev.torre.apiclient;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.persistence.RecordService;
import dev.torre.platform.persistence.Records;
import dev.torre.platform.security.OAuthConfig;
import dev.torre.platform.security.Permissions;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.security.Roles;
import dev.torre.platform.security.Scopes;

/**
 * The only place that writes API clients: checks their scopes and roles (known ones, and none the admin defining the
 * client does not hold), makes secrets, keeps only their BCrypt hashes and rotates them with an overlap. Deleting a
 * client (archiving it) revokes it: its tokens are refused within {@code torre.oauth.client-state-ttl}.
 */
@ApplicationScoped
public class ApiClientService extends RecordService<ApiClient, ApiClientInput, ApiClientView> {

    private static final Kind<ApiClient, ApiClientInput> KIND = new Kind<>(
            "api_client", ApiClient.class, ApiClient::new, ApiClientInput.class,
            "api_client", "api-clients", "/v1/api-clients", ApiClientFields.REGISTRY, List.of(), Map.of());

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Permissions permissions;

    @Inject
    OAuthConfig config;

    private BCryptPasswordEncoder hasher;

    @Override
    protected Kind<ApiClient, ApiClientInput> kind() {
        return KIND;
    }

    @Override
    protected ApiClientView view(ApiClient client) {
        return ApiClientView.of(client);
    }

    /** Hashes and checks client secrets; BCrypt's cost makes a stolen table slow to attack. */
    BCryptPasswordEncoder hasher() {
        if (hasher == null) {
            hasher = new BCryptPasswordEncoder(config.secretHashCost(), RANDOM);
        }
        return hasher;
    }

    /**
     * Reading clients is for admins only: {@code readonly} and {@code legal} hold every {@code *:read} scope, and a
     * client's scopes and roles are a map of what a partner may do.
     */
    @Override
    @RequiresScope("api-clients:admin")
    public ApiClientView get(UUID id) {
        return view(find(id));
    }

    @Override
    @RequiresScope("api-clients:admin")
    public dev.torre.platform.query.Page<ApiClientView> list(dev.torre.platform.query.ListRequest request) {
        return page(request, dev.torre.platform.query.SqlFragment.EMPTY);
    }

    /** Issues a new secret; the previous one keeps working beside it for {@code torre.oauth.secret-overlap}. */
    @Transactional
    @RequiresScope("write")
    public ApiClientView rotateSecret(UUID id) {
        ApiClient client = find(id);
        Records.checkWritable(client, null, label());
        String secret = newSecret();
        client.previousSecretHash = client.secretHash;
        client.previousSecretUntil = clock.now().plus(config.secretOverlap());
        client.secretHash = hasher().encode(secret);
        client.secretGeneration++;
        client.revealedSecret = secret;
        events.append(label(), client.id, "secret_rotated", Map.of("previousSecretExpiresAt", client.previousSecretUntil.toString()));
        flush();
        return view(client);
    }

    @Override
    protected ApiClient newEntity() {
        ApiClient client = new ApiClient();
        client.id = Ids.next();
        String secret = newSecret();
        client.secretHash = hasher().encode(secret);
        client.revealedSecret = secret;
        return client;
    }

    /** {@code tcs_} and 32 random bytes, base64url: 256 bits, within BCrypt's 72-byte input. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "tcs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public ApiClientInput inputOf(ApiClient c) {
        return new ApiClientInput(c.name, List.copyOf(c.scopes), List.copyOf(c.roles), c.rateLimit);
    }

    @Override
    public ApiClientInput normalise(ApiClientInput in) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : in.scopes()) {
            String s = scope.trim();
            if (!Scopes.known(s)) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "scopes", "unknown_scope",
                        "'" + s + "' is not a scope Torre knows; use e.g. contacts:read or deals:write");
            }
            if (!permissions.allows(s)) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "scopes", "scope_not_held",
                        "You may not give a client '" + s + "', which your own token does not hold");
            }
            scopes.add(s);
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String role : in.roles() == null || in.roles().isEmpty() ? List.of("admin") : in.roles()) {
            String r = role.trim();
            if (!Roles.known().contains(r)) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, "roles", "unknown_role",
                        "'" + r + "' is not a role; known roles are " + Roles.known());
            }
            roles.add(r);
        }
        return new ApiClientInput(in.name().trim(), List.copyOf(scopes), List.copyOf(roles), in.rateLimit());
    }

    @Override
    public Map<Integer, TorreException> checkReferences(Map<Integer, ApiClientInput> inputs) {
        return Map.of();
    }

    @Override
    protected void apply(ApiClient c, ApiClientInput in) {
        c.name = in.name();
        c.scopes = new ArrayList<>(in.scopes());
        c.roles = new ArrayList<>(in.roles());
        c.rateLimit = in.rateLimit();
    }
}
