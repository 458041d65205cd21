package dev.torre.platform.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a service method with the scope it needs, such as {@code contacts:write}.
 * Checked on the service, so REST and GraphQL enforce the same rule. A bare {@code read} or
 * {@code write} names the scope of the service's own {@link ScopeFamily}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequiresScope {

    @Nonbinding
    String value();
}
