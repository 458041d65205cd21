package dev.torre.workflow;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's messaging settings as the API shows them; {@code custom} false: the server's defaults apply. */
public record MessagingSettingsView(String timeZone, MessagingSettingsInput.QuietHours quietHours, List<MessagingSettingsInput.Cap> caps,
        List<String> cappedPurposes, String whenCapped,
        @Schema(description = "False while the tenant has not set its own: these are the server's defaults (torre.workflows.messages.*)") boolean custom,
        long version, Instant updatedAt) {
}
