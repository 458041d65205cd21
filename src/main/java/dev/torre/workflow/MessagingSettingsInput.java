package dev.torre.workflow;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's rules for workflow messages: frequency caps per channel and window, quiet hours, the default time zone. */
@Schema(name = "MessagingSettingsInput", description = "What keeps workflow messages from flooding people; the whole set is replaced on PUT")
public record MessagingSettingsInput(
        @NotBlank @Size(max = 64) @Schema(description = "IANA time zone quiet hours are read in for contacts without their own",
                examples = "Europe/Madrid") String timeZone,
        @Valid @Schema(description = "Local times (in the contact's time zone) when no message is sent; a message due inside waits until"
                + " they end. Null: none") QuietHours quietHours,
        @NotNull @Size(max = 10, message = "at most 10 caps") @Schema(description = "Each cap counts the contact's messages of a capped purpose"
                + " on its channel (or on any) within its window") List<@Valid @NotNull Cap> caps,
        @NotNull @Size(max = 20, message = "at most 20 purposes") @Schema(description = "The purposes the caps count", examples = "[\"marketing\"]")
        List<@NotBlank @Size(max = 40) String> cappedPurposes,
        @NotNull @Pattern(regexp = "wait|skip", message = "must be wait or skip")
        @Schema(description = "A capped message waits until the window has room, or is skipped", examples = "wait") String whenCapped) {

    /** From {@code start} to {@code end} local time, across midnight when start is later. */
    public record QuietHours(
            @NotNull @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be a local time HH:mm") @Schema(examples = "21:00") String start,
            @NotNull @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be a local time HH:mm") @Schema(examples = "08:00") String end) {
    }

    /** At most {@code max} messages per contact on {@code channel} within {@code window}. */
    public record Cap(
            @NotNull @Pattern(regexp = "any|email|sms|whatsapp|phone", message = "must be one of any, email, sms, whatsapp, phone")
            @Schema(examples = "email") String channel,
            @NotNull @Min(value = 1, message = "must be between 1 and 1000") @Max(value = 1000, message = "must be between 1 and 1000")
            @Schema(examples = "3") Integer max,
            @NotNull @Size(max = 20) @Schema(description = "ISO-8601 duration from PT1H to P366D", examples = "P7D") String window) {
    }
}
