package dev.torre.platform.http;

import static dev.torre.testing.Theories.below;
import static dev.torre.testing.Theories.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Iterator;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.torre.testing.Theories;

/** The laws of JSON Merge Patch (RFC 7396) on generated documents and patches. */
class MergePatchPropertiesTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] KEYS = { "a", "b", "name", "tags", "properties", "x" };

    /** Any JSON value, nesting objects up to a few levels; {@code nulls} says whether object members may be null. */
    private static JsonNode value(RandomnessSource in, int depth, boolean nulls) {
        return switch (below(in, depth > 0 ? 7 : 5)) {
            case 0 -> JSON.textNode(oneOf(in, "", "Ana", "ñandú", "\"quoted\""));
            case 1 -> JSON.numberNode(below(in, 2000) - 1000);
            case 2 -> JSON.booleanNode(below(in, 2) == 0);
            case 3 -> JSON.numberNode(below(in, 100) / 8.0);
            case 4 -> JSON.nullNode();
            case 5 -> object(in, depth - 1, nulls);
            default -> {
                ArrayNode array = JSON.arrayNode();
                for (int i = below(in, 3); i > 0; i--) {
                    array.add(value(in, depth - 1, true));
                }
                yield array;
            }
        };
    }

    private static ObjectNode object(RandomnessSource in, int depth, boolean nulls) {
        ObjectNode object = JSON.objectNode();
        for (int i = below(in, 4); i > 0; i--) {
            JsonNode member = value(in, depth, nulls);
            if (member.isNull() && !nulls) {
                continue;
            }
            object.set(oneOf(in, KEYS), member);
        }
        return object;
    }

    /** A document as a server stores it: an object without null members. */
    private static final Gen<ObjectNode> DOCUMENTS = in -> object(in, 3, false);
    /** A patch: an object whose null members remove. */
    private static final Gen<ObjectNode> PATCHES = in -> object(in, 3, true);

    @Test
    void theEmptyPatchChangesNothing() {
        Theories.qt(200).forAll(DOCUMENTS).checkAssert(doc -> assertEquals(doc, MergePatch.apply(doc, JSON.objectNode())));
    }

    @Test
    void applyingAPatchTwiceIsApplyingItOnce() {
        Theories.qt(200).forAll(DOCUMENTS, PATCHES).checkAssert((doc, patch) -> {
            JsonNode once = MergePatch.apply(doc, patch);
            assertEquals(once, MergePatch.apply(once, patch));
        });
    }

    @Test
    void nullRemovesAMemberAndEveryOtherMemberOfThePatchIsSet() {
        Theories.qt(200).forAll(DOCUMENTS, PATCHES).checkAssert((doc, patch) -> {
            JsonNode result = MergePatch.apply(doc, patch);
            for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> member = it.next();
                if (member.getValue().isNull()) {
                    assertFalse(result.has(member.getKey()), member.getKey() + " removed");
                } else if (!member.getValue().isObject()) {
                    assertEquals(member.getValue(), result.get(member.getKey()), member.getKey() + " replaced");
                }
            }
            doc.fieldNames().forEachRemaining(key -> {
                if (!patch.has(key)) {
                    assertEquals(doc.get(key), result.get(key), key + " untouched");
                }
            });
        });
    }

    @Test
    void theTargetIsNeverModified() {
        Theories.qt(200).forAll(DOCUMENTS, PATCHES).checkAssert((doc, patch) -> {
            ObjectNode before = doc.deepCopy();
            MergePatch.apply(doc, patch);
            assertEquals(before, doc);
        });
    }
}
