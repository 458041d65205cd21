package dev.torre.scoring;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** One reason of a score and the points it adds (negative: takes away). */
@Type("ScoreFactor")
public record Factor(String name, @Description("rule, model or other") String kind, double contribution) {
}
