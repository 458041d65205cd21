package dev.torre.platform.link;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;

/** Finds the {@link LinkTarget} of a kind; links to a kind nobody serves are refused, never stored unchecked. */
@ApplicationScoped
public class Links {

    @Inject
    @Any
    Instance<LinkTarget> targets;

    /** Which of these ids exist; throws a 400 naming the field when no capability serves this kind yet. */
    public Set<UUID> existing(String kind, String field, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        for (LinkTarget target : targets) {
            if (target.kind().equals(kind)) {
                return target.existing(ids);
            }
        }
        throw new TorreException(ErrorCode.VALIDATION, "Links to " + kind + "s are not available on this server",
                List.of(new FieldError(field, "not_supported", "No " + kind + "s to link to")));
    }
}
