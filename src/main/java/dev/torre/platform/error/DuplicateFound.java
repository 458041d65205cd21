package dev.torre.platform.error;

import java.util.List;
import java.util.stream.Collectors;

/** A create refused because the record looks like ones the tenant already has; the problem names them. */
public class DuplicateFound extends TorreException {

    private final List<DuplicateMatch> matches;

    public DuplicateFound(String label, List<DuplicateMatch> matches) {
        super(ErrorCode.CONFLICT, "This " + label + " looks like " + matches.stream().map(m -> m.id() + " (" + String.join(", ", m.signals()) + ")")
                .collect(Collectors.joining(", ")) + "; merge or update it, or send onDuplicate=create to create another anyway",
                matches.stream().flatMap(m -> m.signals().stream()).distinct()
                        .map(s -> new FieldError(s, "duplicate", "A stored " + label + " has the same " + s)).toList());
        this.matches = List.copyOf(matches);
    }

    public List<DuplicateMatch> matches() {
        return matches;
    }
}
