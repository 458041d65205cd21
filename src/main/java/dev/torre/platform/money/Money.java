package dev.torre.platform.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;

/**
 * An amount in one ISO 4217 currency, as the API writes it: a decimal string (never a
 * binary float) with at most four decimals, the precision of the {@code numeric(19, 4)} columns.
 */
@Type("Money")
public record Money(String amount, String currency) {

    /** Digits before the decimal point that {@code numeric(19, 4)} holds. */
    private static final int MAX_INTEGER_DIGITS = 15;
    private static final int MAX_DECIMALS = 4;
    private static final Pattern CODE = Pattern.compile("[A-Za-z]{3}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    public static Money of(BigDecimal amount, String currency) {
        return new Money(format(amount, currency), currency);
    }

    /** The upper-case ISO 4217 code, or a validation error on {@code field}. */
    public static String currency(String field, String code) {
        if (code != null && CODE.matcher(code.trim()).matches()) {
            String upper = code.trim().toUpperCase(Locale.ROOT);
            try {
                return Currency.getInstance(upper).getCurrencyCode();
            } catch (IllegalArgumentException unknown) {
                // reported below
            }
        }
        throw TorreException.invalidField(ErrorCode.VALIDATION, field, "invalid_currency",
                "'" + field + "' must be an ISO 4217 currency code such as EUR or USD");
    }

    /**
     * A decimal amount read from text such as {@code "1200.50"}: at most four decimals and
     * fifteen integer digits, negative only when {@code negativeAllowed}.
     */
    public static BigDecimal amount(String field, String text, boolean negativeAllowed) {
        if (text == null || !DECIMAL.matcher(text.trim()).matches()) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, field, "invalid_amount",
                    "'" + field + "' must be a decimal number written as a string, such as \"1200.50\"");
        }
        BigDecimal value = new BigDecimal(text.trim());
        if (value.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw new TorreException(ErrorCode.VALIDATION, "'" + field + "' has more than " + MAX_DECIMALS + " decimals",
                    List.of(new FieldError(field, "too_precise", "At most " + MAX_DECIMALS + " decimals")));
        }
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, field, "out_of_range",
                    "'" + field + "' is too large (at most " + MAX_INTEGER_DIGITS + " digits before the point)");
        }
        if (!negativeAllowed && value.signum() < 0) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, field, "out_of_range", "'" + field + "' must not be negative");
        }
        return value;
    }

    /**
     * The canonical text of an amount: no trailing zeros beyond the currency's usual minor
     * unit ({@code 1200.50 EUR}, {@code 1200 JPY}), so equal amounts always read the same.
     */
    public static String format(BigDecimal value, String currency) {
        if (value == null) {
            return null;
        }
        int minor = 2;
        if (currency != null) {
            try {
                minor = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
            } catch (IllegalArgumentException unknown) {
                // stored data is checked on the way in; keep the default
            }
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < minor ? stripped.setScale(minor) : stripped).toPlainString();
    }
}
