package dev.torre.workflow;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Type;

/** What each step would do for a record now, as a test run that writes nothing reports it. */
@Type("WorkflowDryRun")
public record DryRunView(UUID workflowId, int workflowVersion, String recordType, UUID recordId, List<StepView> steps) {
}
