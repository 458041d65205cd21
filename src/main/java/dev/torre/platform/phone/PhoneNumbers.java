package dev.torre.platform.phone;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import dev.torre.platform.config.TorreConfig;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;

/**
 * Normalises phone numbers to E.164 with libphonenumber. A number without a country
 * prefix is read in the configured default region; one that parses but is not a valid
 * number is kept as written (trimmed), and text that is no phone number at all is refused.
 */
@ApplicationScoped
public class PhoneNumbers {

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    @Inject
    TorreConfig config;

    public String normalise(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String trimmed = raw.trim();
        try {
            PhoneNumber number = util.parse(trimmed, config.phone().defaultRegion());
            return util.isValidNumber(number) ? util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : trimmed;
        } catch (NumberParseException e) {
            throw new TorreException(ErrorCode.VALIDATION, "'" + field + "' is not a phone number",
                    List.of(new FieldError(field, "invalid_phone", "Not a phone number")));
        }
    }
}
