package dev.torre.platform.graphql;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Parses a GraphQL document once per request, and a document sent again not at all. The request checks of
 * {@link GraphQLOverHttp} parse it first and leave the result on the HTTP request; execution takes it from there
 * instead of parsing it a second time, validates it, and remembers documents that validated (a bounded cache by
 * query text), which the checks then take without parsing either. A text is remembered the second time it comes:
 * a client that writes a new value into every query (rather than passing variables) sends texts that never come
 * again, and caching each of them would only push out the documents that do.
 */
@ApplicationScoped
public class ParsedDocuments implements PreparsedDocumentProvider {

    private static final String HANDED = ParsedDocuments.class.getName();

    /** Documents that parsed and validated against the schema, by their exact text. */
    private final Cache<String, Document> valid = Caffeine.newBuilder().maximumSize(500).build();

    /**
     * The texts that validated once, by hash (a collision only remembers a document one sighting early, still by its
     * exact text): small entries, so many more of them than of documents.
     */
    private final Cache<Integer, Boolean> seenOnce = Caffeine.newBuilder().maximumSize(10_000).build();

    private volatile GraphQLSchema schema;

    private volatile PreparsedDocumentProvider fallback;

    /**
     * A document's text parsed for one request: the document, or the syntax errors; and, once validated against the
     * served schema, the outcome (so the request's checks and its execution validate it once between them).
     */
    record Parsed(String query, Document document, List<GraphQLError> syntaxErrors,
            AtomicReference<List<ValidationError>> validation) {

        Parsed(String query, Document document, List<GraphQLError> syntaxErrors) {
            this(query, document, syntaxErrors, new AtomicReference<>());
        }
    }

    /**
     * Takes the place of SmallRye's provider (a query cache, kept for requests the checks did not see), like
     * {@link GraphQLRows} reading the builder's field since the builder offers no getter; failing fails the start.
     */
    void install(@Observes GraphQL.Builder builder) {
        try {
            Field provider = GraphQL.Builder.class.getDeclaredField("preparsedDocumentProvider");
            provider.setAccessible(true);
            Field schemaField = GraphQL.Builder.class.getDeclaredField("graphQLSchema");
            schemaField.setAccessible(true);
            fallback = (PreparsedDocumentProvider) provider.get(builder);
            schema = (GraphQLSchema) schemaField.get(builder);
            valid.invalidateAll();
            builder.preparsedDocumentProvider(this);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot install GraphQL's document cache", e);
        }
    }

    /** The request's document, parsed or taken from the cache, and handed on to its execution. */
    Parsed parse(RoutingContext context, String query) {
        Document known = valid.getIfPresent(query);
        Parsed parsed;
        if (known != null) {
            parsed = new Parsed(query, known, List.of());
        } else {
            ParseAndValidateResult result = ParseAndValidate.parse(ExecutionInput.newExecutionInput(query).build());
            parsed = result.isFailure() ? new Parsed(query, null, List.copyOf(result.getErrors()))
                    : new Parsed(query, result.getDocument(), List.of());
        }
        if (parsed.document() != null) {
            context.put(HANDED, parsed);
        }
        return parsed;
    }

    /** The document's validation errors against the schema; one that validates is remembered as valid. */
    List<ValidationError> validate(GraphQLSchema against, Parsed parsed, Locale locale) {
        if (valid.getIfPresent(parsed.query()) == parsed.document()) {
            return List.of();
        }
        List<ValidationError> known = parsed.validation().get();
        if (known != null && known.isEmpty() && against == schema) {
            return known;
        }
        List<ValidationError> invalid = ParseAndValidate.validate(against, parsed.document(), locale);
        if (against == schema) {
            parsed.validation().set(invalid);
            if (invalid.isEmpty()) {
                remember(parsed);
            }
        }
        return invalid;
    }

    /** Keeps a valid document for its text's next request, if the text came before; else notes that it came. */
    private void remember(Parsed parsed) {
        if (seenOnce.asMap().remove(parsed.query().hashCode()) != null) {
            valid.put(parsed.query(), parsed.document());
        } else {
            seenOnce.put(parsed.query().hashCode(), Boolean.TRUE);
        }
    }

    /** Whether a document is kept for this exact text. */
    boolean remembers(String query) {
        return valid.getIfPresent(query) != null;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        Document known = valid.getIfPresent(input.getQuery());
        if (known != null) {
            return CompletableFuture.completedFuture(new PreparsedDocumentEntry(known));
        }
        Parsed handed = handedOver(input.getQuery());
        if (handed == null || schema == null) {
            return fallback == null ? CompletableFuture.completedFuture(parseAndValidate.apply(input))
                    : fallback.getDocumentAsync(input, parseAndValidate);
        }
        List<ValidationError> invalid = validate(schema, handed, input.getLocale());
        return CompletableFuture.completedFuture(invalid.isEmpty() ? new PreparsedDocumentEntry(handed.document())
                : new PreparsedDocumentEntry(handed.document(), invalid));
    }

    /** The document the checks parsed for this very text on the current HTTP request, if any. */
    private static Parsed handedOver(String query) {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        RoutingContext context = Arc.container().instance(CurrentVertxRequest.class).get().getCurrent();
        if (context == null || !(context.get(HANDED) instanceof Parsed parsed) || !parsed.query().equals(query)) {
            return null;
        }
        return parsed;
    }
}
