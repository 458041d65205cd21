package dev.torre.workflow;

import java.util.List;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;

/** A definition refused: a 400 whose error names the JSON pointer of what is wrong in the request body. */
final class Invalid {

    private Invalid() {
    }

    static TorreException at(String pointer, String code, String message) {
        return new TorreException(ErrorCode.VALIDATION, message + " (at " + pointer + ")",
                List.of(new FieldError(pointer, code, message)));
    }
}
