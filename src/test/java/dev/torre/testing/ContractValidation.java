package dev.torre.testing;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Holds every REST Assured call of the suite to {@code openapi/openapi.yaml}: before each
 * {@code @QuarkusTest} method it installs, once per class loader, a global filter that
 * checks each answer (status, headers, content type, body) against the committed document
 * and fails the test on any difference. Requests are not held to it, since many tests send
 * bad input on purpose; their answers are.
 * <p>
 * Only calls that are not part of the REST contract skip the check: paths outside
 * {@code /v1/} (GraphQL, health, metrics, the OpenAPI document itself), and a request that
 * carries the {@link #UNCHECKED} header with its reason, which the filter removes before
 * sending. Keep those rare; {@code grep -rn UNCHECKED src/test} lists them.
 */
public class ContractValidation implements QuarkusTestBeforeEachCallback {

    /** A request header naming why this call is outside the contract (e.g. a raw protocol test). */
    public static final String UNCHECKED = "X-Torre-Test-Outside-Contract";

    private static final AtomicLong CHECKED = new AtomicLong();

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        synchronized (RestAssured.class) {
            if (RestAssured.filters().stream().noneMatch(ContractFilter.class::isInstance)) {
                RestAssured.filters(new ContractFilter());
            }
        }
    }

    /** How many answers were checked so far in this JVM. */
    public static long checked() {
        return CHECKED.get();
    }

    static OpenApiInteractionValidator validator() {
        return OpenApiInteractionValidator
                .createForSpecificationUrl(Path.of("openapi", "openapi.yaml").toAbsolutePath().toUri().toString())
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    /** The validation filter, skipping only what is outside the contract. */
    static final class ContractFilter implements OrderedFilter {

        private final OpenApiValidationFilter validation = new OpenApiValidationFilter(validator());

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
            boolean unchecked = request.getHeaders().hasHeaderWithName(UNCHECKED);
            if (unchecked) {
                request.removeHeader(UNCHECKED);
            }
            if (unchecked || !request.getDerivedPath().startsWith("/v1/")) {
                return context.next(request, response);
            }
            CHECKED.incrementAndGet();
            return validation.filter(request, response, context);
        }

        @Override
        public int getOrder() {
            return OrderedFilter.LOWEST_PRECEDENCE;
        }
    }
}
