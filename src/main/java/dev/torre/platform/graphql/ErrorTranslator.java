package dev.torre.platform.graphql;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.jboss.logging.Logger;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.Failures;
import dev.torre.platform.error.TorreException;

/**
 * The GraphQL side of "errors are coded once": the same translation as REST, ending in
 * {@code extensions.code} instead of a status. Unexpected failures are logged and reported
 * as INTERNAL without their details.
 */
@TranslateErrors
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class ErrorTranslator {

    private static final Logger LOG = Logger.getLogger(ErrorTranslator.class);

    @AroundInvoke
    Object translate(InvocationContext invocation) throws Exception {
        try {
            Object result = invocation.proceed();
            GraphQLOutage.answered();
            return result;
        } catch (GraphQLProblem e) {
            throw e;
        } catch (RuntimeException e) {
            TorreException known = Failures.known(e);
            if (known == null && ClientGone.now()) {
                // cut off with its request (closed statements, an ended context): the client left, nothing went wrong here
                LOG.debugf("GraphQL resolver stopped after its client left: %s", e);
                throw ClientGone.cancelled();
            }
            if (known == null) {
                LOG.error("GraphQL resolver failed", e);
                known = new TorreException(ErrorCode.INTERNAL, "Something went wrong on our side; it has been logged");
            }
            GraphQLOutage.failed(known);
            throw new GraphQLProblem(known);
        }
    }
}
