package dev.torre.workflow;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Type;

/**
 * What one step of a run did: {@code completed}, {@code skipped} (with the reason), {@code failed} (with the problem
 * in {@code reason} and {@code detail}) or {@code waiting} (until {@code until}).
 *
 * @param pointer where the step sits in the workflow's steps, as a JSON pointer ({@code /2/then/0})
 */
@Type("WorkflowStepOutcome")
public record StepView(int n, String pointer, String type, String outcome, String reason, @Ignore Map<String, Object> detail,
        Instant at, Instant until) {
}
