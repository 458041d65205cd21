package dev.torre.platform.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.config.TorreConfig;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Torre's own tokens for the preference portal: signed with a key pair only Torre holds,
 * issued under their own issuer, speaking for one contact ({@code sub}) of one tenant with
 * the {@code portal} role and the {@code me:*} scopes, and short-lived.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // a misconfigured key fails the start, not the first request
public class PortalTokens {

    /** A minted token and when it stops working. */
    public record Minted(String token, Instant expiresAt) {
    }

    @Inject
    TorreConfig config;

    @Inject
    ObjectMapper mapper;

    private PrivateKey signingKey;
    private JWTParser verifier;

    @PostConstruct
    void init() {
        try {
            Optional<String> privateKey = config.portal().privateKeyLocation();
            Optional<String> publicKey = config.portal().publicKeyLocation();
            if (privateKey.isPresent()) {
                signingKey = KeyUtils.decodePrivateKey(java.nio.file.Files.readString(java.nio.file.Path.of(privateKey.get())));
            }
            if (publicKey.isPresent()) {
                PublicKey key = KeyUtils.decodePublicKey(java.nio.file.Files.readString(java.nio.file.Path.of(publicKey.get())));
                JWTAuthContextInfo context = new JWTAuthContextInfo(key, config.portal().issuer());
                context.setGroupsPath("groups");
                verifier = new DefaultJWTParser(context);
            }
        } catch (Exception e) {
            throw new IllegalStateException("The portal key pair could not be read", e);
        }
    }

    public Minted mint(String tenant, UUID contactId) {
        if (signingKey == null) {
            throw new TorreException(ErrorCode.UNAVAILABLE, "The preference portal is not configured on this server");
        }
        Instant expiresAt = Instant.now().plus(config.portal().tokenLifetime()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String token = Jwt.issuer(config.portal().issuer())
                .subject(contactId.toString())
                .groups(Set.of(Roles.PORTAL))
                .claim("tid", tenant)
                .claim("scope", "me:read me:write")
                .expiresAt(expiresAt)
                .sign(signingKey);
        return new Minted(token, expiresAt);
    }

    /** The verifier of portal tokens, or null when this server has no portal key. */
    JWTParser verifier() {
        return verifier;
    }

    /** Whether an (unverified) bearer token names the portal issuer: picks the verifier, grants nothing. */
    boolean claimsPortalIssuer(String token) {
        JsonNode claims = unverifiedClaims(token);
        return claims != null && config.portal().issuer().equals(claims.path("iss").asText());
    }

    /**
     * Whether a bearer token claims to be a portal token, by issuer or role, read without verifying
     * it: used only to narrow what the token may reach, never to grant anything.
     */
    public boolean claimsPortal(String token) {
        JsonNode claims = unverifiedClaims(token);
        if (claims == null) {
            return false;
        }
        JsonNode groups = claims.path("groups");
        boolean portalRole = Roles.PORTAL.equals(groups.asText())
                || (groups.isArray() && groups.valueStream().anyMatch(g -> Roles.PORTAL.equals(g.asText())));
        return portalRole || config.portal().issuer().equals(claims.path("iss").asText());
    }

    /** One text claim of a token, read without verifying it (to pick a verifier), or null. */
    String unverifiedClaim(String token, String name) {
        JsonNode claims = unverifiedClaims(token);
        return claims == null || !claims.path(name).isTextual() ? null : claims.path(name).asText();
    }

    /** One text field of a token's header, read without verifying it (to pick a key), or null. */
    String unverifiedHeader(String token, String name) {
        int first = token.indexOf('.');
        if (first <= 0) {
            return null;
        }
        try {
            JsonNode header = mapper.readTree(Base64.getUrlDecoder().decode(token.substring(0, first)));
            return header == null || !header.path(name).isTextual() ? null : header.path(name).asText();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    private JsonNode unverifiedClaims(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0) {
            return null;
        }
        try {
            JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(token.substring(first + 1, second)));
            return claims != null && claims.isObject() ? claims : null;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }
}
