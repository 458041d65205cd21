package dev.torre.platform.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint whose body may be as large as the transport allows ({@code quarkus.http.limits.max-body-size}, 8 MB):
 * batches and import files. Every other endpoint takes at most {@code torre.http.body-limit} (1 MB), so that a client
 * streaming a body without a length costs the server at most that much before its 413 ({@link BodyCaps}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LargeBody {
}
