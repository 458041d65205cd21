package dev.torre.platform.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

/**
 * The scopes {@link ScopeGuard} has granted in this request, in order: what the request needed, so that whoever
 * repeats it later (an idempotent replay) can be asked for them again.
 */
@RequestScoped
public class GrantedScopes {

    private final Set<String> granted = new LinkedHashSet<>();

    void add(String scope) {
        granted.add(scope);
    }

    public List<String> all() {
        return List.copyOf(granted);
    }
}
