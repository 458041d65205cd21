package dev.torre.workflow;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fills {@code {{field}}} placeholders with values of the record (and {@code {{contact.field}}} with its contact's):
 * plain substitution of scalar values, nothing evaluated; an unknown or empty field becomes empty text.
 */
final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]{0,63}(?:\\.[A-Za-z][A-Za-z0-9_]{0,63}){0,3})\\s*}}");

    private Templates() {
    }

    /**
     * @param scopes values by prefix: {@code ""} for the run's record, {@code "contact"} for its contact
     */
    static String render(String template, Map<String, JsonNode> scopes) {
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), scopes)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String path, Map<String, JsonNode> scopes) {
        String[] parts = path.split("\\.");
        JsonNode node = scopes.get(parts[0]) != null && parts.length > 1 ? scopes.get(parts[0]) : scopes.get("");
        int from = scopes.get(parts[0]) != null && parts.length > 1 ? 1 : 0;
        for (int i = from; node != null && i < parts.length; i++) {
            node = node.get(parts[i]);
        }
        return node == null || node.isNull() || node.isContainerNode() ? "" : node.asText();
    }
}
