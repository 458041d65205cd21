package dev.torre.platform.persistence;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Put on every {@code @Scheduled} method (ArchitectureTest checks it): a tick that fails because the database cannot
 * be reached logs one WARN when the worker first meets the outage and one INFO when it works again, instead of an ERROR
 * with a stack trace on every tick. See {@link WorkerTicks}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface WorkerTick {
}
