package dev.torre.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Every operation of the committed contract has a readable operationId of its own and a description. */
class OperationIdsTest {

    @Test
    void everyOperationHasAUniqueReadableIdAndADescription() throws IOException {
        JsonNode paths = new YAMLMapper().readTree(Path.of("openapi/openapi.yaml").toFile()).get("paths");
        Map<String, String> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            String operation = method.getKey().toUpperCase() + " " + path.getKey();
            String id = method.getValue().path("operationId").asText("");
            if (!id.matches("[a-z][a-zA-Z0-9]{2,60}")) {
                problems.add(operation + ": operationId '" + id + "'");
            }
            String other = seen.put(id, operation);
            if (other != null) {
                problems.add(operation + ": operationId '" + id + "' also names " + other);
            }
            if (method.getValue().path("description").asText("").isBlank()) {
                problems.add(operation + ": no description");
            }
        }));
        assertTrue(seen.size() > 100, "the contract lists " + seen.size() + " operations");
        assertEquals(List.of(), problems);
        assertEquals("listContacts", paths.at("/~1v1~1contacts/get/operationId").asText());
        assertEquals("upsertContactsBatch", paths.at("/~1v1~1contacts~1batch~1upsert/post/operationId").asText());
        assertEquals("listContactTimeline", paths.at("/~1v1~1contacts~1{id}~1timeline/get/operationId").asText());
        assertEquals("rotateWebhookSecret", paths.at("/~1v1~1webhooks~1{id}~1rotate-secret/post/operationId").asText());
    }
}
