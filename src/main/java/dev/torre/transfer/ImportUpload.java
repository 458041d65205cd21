package dev.torre.transfer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.TorreException;

/**
 * Reads an uploaded file as a stream, row by row, and hands it on in chunks (a JSON array of
 * {@code [line, row]} pairs), so that no more than one chunk is ever held in memory whatever the
 * size of the file. A CSV row becomes an object of its non-empty cells by column; an NDJSON line
 * is kept as it is (a line that is not JSON is kept as text, and fails on its own when processed).
 */
final class ImportUpload {

    /** A CSV row with more cells than the header has columns carries their number under this key. */
    static final String EXTRA_CELLS = "#cells";

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private final ObjectMapper json;
    private final int chunkRows;
    private final Consumer<String> chunks;
    private ArrayNode current;
    private long rows;

    ImportUpload(ObjectMapper json, int chunkRows, Consumer<String> chunks) {
        this.json = json;
        this.chunkRows = chunkRows;
        this.chunks = chunks;
        this.current = json.createArrayNode();
    }

    /**
     * Reads a CSV file whose first row names the columns; {@code header} checks those names first and answers the
     * fields the columns fill (a saved mapping may rename them). Answers the data rows.
     */
    long csv(InputStream body, java.util.function.UnaryOperator<List<String>> header) {
        try (Reader reader = withoutBom(body);
                MappingIterator<List<String>> lines = CSV.readerForListOf(String.class).readValues(reader)) {
            if (!lines.hasNextValue()) {
                throw new TorreException(ErrorCode.VALIDATION, "The file is empty: its first row must name the columns");
            }
            List<String> columns = header.apply(lines.nextValue().stream().map(String::trim).toList());
            long line = 1;
            while (lines.hasNextValue()) {
                List<String> cells = lines.nextValue();
                line++;
                if (cells.size() == 1 && cells.getFirst().isBlank()) {
                    continue; // an empty line, often the last one
                }
                ObjectNode row = json.createObjectNode();
                for (int i = 0; i < cells.size() && i < columns.size(); i++) {
                    String cell = cells.get(i);
                    if (cell != null && !cell.isBlank()) {
                        row.put(columns.get(i), cell);
                    }
                }
                if (cells.size() > columns.size()) {
                    row.put(EXTRA_CELLS, cells.size());
                }
                add(line, row);
            }
        } catch (IOException e) {
            throw unreadable(e, "CSV");
        }
        return finish();
    }

    /** Reads newline-delimited JSON, one object per line; blank lines are skipped. Answers the data rows. */
    long ndjson(InputStream body) {
        try (BufferedReader reader = new BufferedReader(withoutBom(body))) {
            String text;
            long line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode row;
                try {
                    row = json.readTree(text);
                } catch (JsonProcessingException e) {
                    row = json.getNodeFactory().textNode(text);
                }
                add(line, row);
            }
        } catch (IOException e) {
            throw unreadable(e, "NDJSON");
        }
        return finish();
    }

    private void add(long line, JsonNode row) {
        ArrayNode pair = current.addArray();
        pair.add(line);
        pair.add(row);
        rows++;
        if (current.size() == chunkRows) {
            flush();
        }
    }

    private long finish() {
        if (!current.isEmpty()) {
            flush();
        }
        return rows;
    }

    private void flush() {
        chunks.accept(current.toString());
        current = json.createArrayNode();
    }

    private static Reader withoutBom(InputStream body) throws IOException {
        PushbackReader reader = new PushbackReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    /** A body that breaks off or is not the format it claims; Jackson's message without its source excerpt. */
    private static TorreException unreadable(IOException e, String format) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return new TorreException(ErrorCode.MALFORMED_REQUEST, "The body could not be read as " + format + ": " + detail);
    }
}
