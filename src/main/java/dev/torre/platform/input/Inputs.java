package dev.torre.platform.input;

import dev.torre.platform.http.MergePatch;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.Failures;
import dev.torre.platform.error.InvalidJsonException;
import dev.torre.platform.error.TorreException;

/**
 * Reads input records from JSON trees with the same strictness as request bodies
 * (unknown fields and wrong types refused) and validates them: used for merge patches
 * and for the items of a batch, where the body is not bound by the framework.
 */
@ApplicationScoped
public class Inputs {

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    private final QuickChecks quick = new QuickChecks();

    /**
     * Binds and validates: for inputs that no service method validates after them. A violation is refused as a
     * {@link TorreException}, Torre's one kind of business refusal, which a service called inside another's
     * transaction can declare as not dooming it ({@code dontRollbackOn}); a bare ConstraintViolationException would.
     */
    public <I> I read(JsonNode json, Class<I> type) {
        I input = bind(json, type);
        if (quick.certainlyValid(input)) {
            return input;
        }
        Set<ConstraintViolation<I>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw Failures.of(new ConstraintViolationException(violations));
        }
        return input;
    }

    /**
     * Binds strictly without validating, for an input handed to a service method that validates it
     * ({@code @Valid}) after checking the caller's scope: a caller without the scope learns nothing
     * from validation messages, and is told it may not write first.
     */
    public <I> I bind(JsonNode json, Class<I> type) {
        if (json == null || !json.isObject()) {
            throw new TorreException(ErrorCode.VALIDATION, "Expected a JSON object");
        }
        try {
            return mapper.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(e);
        }
    }

    /** Applies a merge patch to the current state and reads the result as the input type. */
    public <I> I patch(I current, JsonNode patch, Class<I> type) {
        if (patch == null || !patch.isObject()) {
            throw new TorreException(ErrorCode.VALIDATION, "A merge patch must be a JSON object");
        }
        return read(MergePatch.apply(mapper.valueToTree(current), patch), type);
    }

    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }
}
