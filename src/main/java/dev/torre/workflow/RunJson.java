package dev.torre.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads stored definition JSON. */
final class RunJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunJson() {
    }

    static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("A stored workflow definition is not JSON", e);
        }
    }
}
