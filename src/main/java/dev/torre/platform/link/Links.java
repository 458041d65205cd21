package dev.torre.platform.link;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

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

    /**
     * Checks one kind of link of many inputs with one lookup: an input whose link names no
     * record of the tenant fails with a 400 naming the field. Inputs already failed are skipped.
     *
     * @param existing which of a set of ids exist (may itself refuse, e.g. a kind not served)
     */
    public static <I> void check(Map<Integer, I> inputs, Map<Integer, TorreException> failures, String field, String kind,
            Function<I, UUID> link, Function<Set<UUID>, Set<UUID>> existing) {
        Set<UUID> wanted = new LinkedHashSet<>();
        inputs.forEach((i, input) -> {
            if (!failures.containsKey(i) && link.apply(input) != null) {
                wanted.add(link.apply(input));
            }
        });
        if (wanted.isEmpty()) {
            return;
        }
        Set<UUID> found;
        try {
            found = existing.apply(wanted);
        } catch (TorreException e) {
            inputs.forEach((i, input) -> {
                if (!failures.containsKey(i) && link.apply(input) != null) {
                    failures.put(i, e);
                }
            });
            return;
        }
        inputs.forEach((i, input) -> {
            UUID id = link.apply(input);
            if (!failures.containsKey(i) && id != null && !found.contains(id)) {
                failures.put(i, new TorreException(ErrorCode.VALIDATION, "No " + kind + " with id " + id,
                        List.of(new FieldError(field, "not_found", "No such " + kind))));
            }
        });
    }
}
