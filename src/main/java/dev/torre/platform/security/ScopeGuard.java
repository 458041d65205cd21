package dev.torre.platform.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.tenancy.Caller;

/**
 * Enforces {@link RequiresScope}: the caller needs a tenant, a role that grants the scope
 * ({@code admin} everything, {@code readonly} only {@code *:read}), and, when the token
 * narrows itself with a {@code scope} claim, that scope listed there.
 */
@RequiresScope("")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class ScopeGuard {

    @Inject
    Caller caller;

    @Inject
    Permissions permissions;

    @Inject
    GrantedScopes granted;

    @AroundInvoke
    Object check(InvocationContext invocation) throws Exception {
        RequiresScope required = invocation.getMethod().getAnnotation(RequiresScope.class);
        if (required == null) {
            required = invocation.getMethod().getDeclaringClass().getAnnotation(RequiresScope.class);
        }
        String scope = required.value();
        if (scope.indexOf(':') < 0 && invocation.getTarget() instanceof ScopeFamily family) {
            scope = family.scopeFamily() + ":" + scope;
        }
        if (caller.tenant() == null) {
            throw new TorreException(ErrorCode.UNAUTHENTICATED, "A bearer token with a valid 'tid' claim is required");
        }
        if (!permissions.roleGrants(scope)) {
            throw new TorreException(ErrorCode.FORBIDDEN, "Your role does not allow '" + scope + "'");
        }
        if (!caller.scopeAllows(scope)) {
            throw new TorreException(ErrorCode.FORBIDDEN, "Your token's scopes do not include '" + scope + "'");
        }
        granted.add(scope);
        return invocation.proceed();
    }
}
