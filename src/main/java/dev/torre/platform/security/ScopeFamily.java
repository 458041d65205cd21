package dev.torre.platform.security;

/**
 * A service whose operations share one family of scopes: its methods may say only
 * {@code @RequiresScope("read")} or {@code @RequiresScope("write")}, and the guard reads
 * them as {@code <family>:read} or {@code <family>:write}.
 */
public interface ScopeFamily {

    /** The scope prefix, e.g. {@code products}. */
    String scopeFamily();
}
