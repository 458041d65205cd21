package dev.torre.platform.money;

import static dev.torre.testing.Api.admin;
import static dev.torre.testing.Api.newTenant;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.torre.testing.Problems;
import io.quarkus.test.junit.QuarkusTest;

/** The one money rule, on every record with an amount: a currency in use, no finer than its minor unit, within range. */
@QuarkusTest
class MoneyRulesTest {

    private final String tenant = newTenant();

    @ParameterizedTest(name = "{0} {1} {2} → {3} {4}")
    @CsvSource({
            "deals,    amount, 100.5,  JPY, 400, amount,   too_precise",
            "deals,    amount, 10.125, EUR, 400, amount,   too_precise",
            "deals,    amount, 10,     XTS, 400, currency, invalid_currency",
            "deals,    amount, 10,     XAU, 400, currency, invalid_currency",
            "deals,    amount, 1000000000000000, EUR, 400, amount, out_of_range",
            "deals,    amount, 100,    JPY, 201, ,",
            "deals,    amount, 10.125, KWD, 201, ,",
            "products, price,  99.9,   KRW, 400, price,    too_precise",
            "products, price,  5,      XXX, 400, currency, invalid_currency",
            "products, price,  5,      CHE, 400, currency, invalid_currency",
            "products, price,  5.50,   CHF, 201, ,"
    })
    void amountsAreCheckedAgainstTheirCurrency(String collection, String field, String amount, String currency, int status,
            String errorField, String code) {
        Map<String, Object> body = collection.equals("deals")
                ? Map.of("name", "Deal", field, amount, "currency", currency)
                : Map.of("sku", "SKU-" + currency + amount, "name", "Thing", field, amount, "currency", currency);
        if (status == 201) {
            admin(tenant).body(body).when().post("/v1/" + collection).then().statusCode(201);
        } else {
            admin(tenant).body(body).when().post("/v1/" + collection).then().spec(Problems.problem(status))
                    .body("errors[0].field", equalTo(errorField)).body("errors[0].code", equalTo(code));
        }
    }
}
