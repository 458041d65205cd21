package dev.torre.platform.error;

import com.fasterxml.jackson.core.JsonProcessingException;

/** A JSON binding failure raised in service code (patches, batch items), reported like a bad body. */
public class InvalidJsonException extends RuntimeException {

    public InvalidJsonException(JsonProcessingException cause) {
        super(cause.getOriginalMessage(), cause, false, false);
    }

    public JsonProcessingException json() {
        return (JsonProcessingException) getCause();
    }
}
