package dev.torre.platform.persistence;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Put on a service whose writes open their own transaction: a transaction that lost a race it could not have
 * avoided (a deadlock, a serialization failure, a row changed between read and write with no precondition of the
 * caller's at stake) is run again from the start, a few times, before the caller hears of it. See
 * {@link ConcurrencyRetry}.
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface RetriesConcurrency {
}
