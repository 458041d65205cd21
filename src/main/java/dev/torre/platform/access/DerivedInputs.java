package dev.torre.platform.access;

import java.util.List;
import java.util.Optional;

/**
 * What a derived field (a score stored on a record, such as a contact's lead score) is computed from, declared by the
 * capability that computes it: sorting or filtering by it would let a caller who may not see an input infer that
 * input from the order, so {@link HiddenFieldQueries} refuses it for such a caller.
 */
public interface DerivedInputs {

    /** One input: a field of a governed type, or the type's records as a whole when {@code field} is null. */
    record Input(String type, String field) {
    }

    /** The inputs of {@code type.field}, or empty when this source does not derive that field. */
    Optional<List<Input>> inputs(String type, String field);
}
