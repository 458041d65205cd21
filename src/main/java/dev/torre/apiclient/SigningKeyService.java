package dev.torre.apiclient;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.security.SigningKeys;

/**
 * Rotates the key that signs client tokens (admin). The key is the deployment's, not the tenant's: a rotation by any
 * tenant's admin breaks no token (the previous key verifies until its tokens have expired), and the number of keys
 * published at once is capped, so a rotation cannot harm another tenant.
 */
@ApplicationScoped
public class SigningKeyService {

    @Inject
    SigningKeys keys;

    @RequiresScope("api-clients:admin")
    public SigningKeyView rotate() {
        List<SigningKeys.Published> published = keys.rotate();
        return new SigningKeyView(published.get(0).kid(), published.stream()
                .map(k -> new SigningKeyView.Key(k.kid(), k.createdAt(), k.retiresAt())).toList());
    }
}
