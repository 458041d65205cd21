package dev.torre.platform.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;

/**
 * An amount in one ISO 4217 currency, as the API writes it: a decimal string (never a
 * binary float) with no more decimals than the currency's minor unit (2 for EUR, 0 for JPY,
 * 3 for BHD) and at most fifteen digits before the point, what the {@code numeric(19, 4)}
 * columns hold. Only currencies some country uses today are accepted: not test codes (XTS,
 * XXX), funds codes (CLF, USN) or metals (XAU), which no order or deal is priced in.
 */
@Type("Money")
public record Money(String amount, String currency) {

    /** Digits before the decimal point that {@code numeric(19, 4)} holds. */
    private static final int MAX_INTEGER_DIGITS = 15;
    private static final int MAX_DECIMALS = 4;
    private static final Pattern CODE = Pattern.compile("[A-Za-z]{3}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    /** The largest amount a column holds. */
    public static final BigDecimal MAX = new BigDecimal("999999999999999.9999");
    /** The currencies of the world's countries today, as the JDK's ISO 4217 tables say. */
    private static final Set<String> CIRCULATING = circulating();

    public static Money of(BigDecimal amount, String currency) {
        return new Money(format(amount, currency), currency);
    }

    /** The upper-case ISO 4217 code, or a validation error on {@code field}. */
    public static String currency(String field, String code) {
        if (code != null && CODE.matcher(code.trim()).matches()) {
            String upper = code.trim().toUpperCase(Locale.ROOT);
            if (CIRCULATING.contains(upper)) {
                return upper;
            }
        }
        throw TorreException.invalidField(ErrorCode.VALIDATION, field, "invalid_currency",
                "'" + field + "' must be the ISO 4217 code of a currency in use, such as EUR or USD"
                        + " (not a test, fund or metal code)");
    }

    /**
     * An amount in {@code currency} (already checked by {@link #currency}) read from text: as
     * {@link #amount(String, String, boolean)}, and no finer than the currency's minor unit.
     */
    public static BigDecimal amount(String field, String text, String currency, boolean negativeAllowed) {
        BigDecimal value = amount(field, text, negativeAllowed);
        int minor = minorUnit(currency);
        if (value.stripTrailingZeros().scale() > minor) {
            throw new TorreException(ErrorCode.VALIDATION, "'" + field + "' has more decimals than " + currency + " has ("
                    + minor + ")", List.of(new FieldError(field, "too_precise", currency + " amounts have at most "
                            + minor + " decimals")));
        }
        return value;
    }

    /** A computed amount (a line's total, a sum), or a 400 naming {@code field} when no column could hold it. */
    public static BigDecimal inRange(String field, BigDecimal value, String what) {
        if (value.abs().compareTo(MAX) > 0) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, field, "out_of_range",
                    what + " comes to " + value.toPlainString() + ", more than the largest amount (" + MAX.toPlainString() + ")");
        }
        return value;
    }

    /** How many decimals the currency's amounts have (2 when unknown). */
    public static int minorUnit(String currency) {
        try {
            return currency == null ? 2 : Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknown) {
            return 2;
        }
    }

    private static Set<String> circulating() {
        Set<String> codes = new TreeSet<>();
        for (String country : Locale.getISOCountries()) {
            try {
                Currency c = Currency.getInstance(Locale.of("", country));
                if (c != null && c.getDefaultFractionDigits() >= 0) {
                    codes.add(c.getCurrencyCode());
                }
            } catch (IllegalArgumentException noCurrency) {
                // a territory without a currency of its own (Antarctica)
            }
        }
        return Set.copyOf(codes);
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
        int minor = minorUnit(currency);
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < minor ? stripped.setScale(minor) : stripped).toPlainString();
    }
}
