package dev.torre.platform.outreach;

import java.util.List;

/**
 * The vocabulary of consent, shared by the capability that keeps the ledger and by the ones
 * that filter or reach contacts: purposes, channels, statuses and lawful bases as written
 * in JSON, filters and the database.
 */
public final class ConsentTerms {

    public static final List<String> PURPOSES = List.of(
            "marketing", "analytics", "profiling", "third_party_sharing", "service_notifications");

    /** Channels a message can use; a decision may also name {@link #ALL_CHANNELS}. */
    public static final List<String> CHANNELS = List.of("email", "sms", "whatsapp", "phone", "push", "postal");

    public static final String ALL_CHANNELS = "all";

    public static final List<String> STATUSES = List.of("granted", "denied", "withdrawn");

    /** What a current decision reads as once its expiry has passed. */
    public static final String EXPIRED = "expired";

    public static final List<String> LAWFUL_BASES = List.of(
            "consent", "contract", "legal_obligation", "legitimate_interest", "vital_interest", "public_task");

    public static final List<String> SOURCES = List.of("web_form", "portal", "import", "agent", "api");

    private ConsentTerms() {
    }

    /** Channels a decision may name: every message channel and {@code all}. */
    public static List<String> decisionChannels() {
        return java.util.stream.Stream.concat(CHANNELS.stream(), java.util.stream.Stream.of(ALL_CHANNELS)).toList();
    }

    /**
     * The trusted SQL of when a decision takes effect, for ordering a contact's decisions: the
     * time it was made, but never later than when it was recorded. A decision dated a little
     * ahead (within the allowed clock skew) thus cannot outrank one the person makes after it
     * was recorded: the latest action wins. {@code alias} is the consent table's alias.
     */
    public static String effectiveAtSql(String alias) {
        return "least(" + alias + ".occurred_at, " + alias + ".created_at)";
    }

    /**
     * The trusted SQL of a contact's effective status for one purpose and channel: the latest
     * decision on that channel or on all channels, {@code expired} once past its expiry, null
     * when there is none. The contact table is aliased {@code contactAlias}; purpose and
     * channel must come from this vocabulary (they are inlined, never caller text).
     */
    public static String currentStatusSql(String contactAlias, String purpose, String channel) {
        if (!PURPOSES.contains(purpose) || !decisionChannels().contains(channel)) {
            throw new IllegalArgumentException("not a consent purpose and channel: " + purpose + "/" + channel);
        }
        String channels = ALL_CHANNELS.equals(channel) ? "'all'" : "'" + channel + "', 'all'";
        return "(select case when cs_l.status = 'granted' and cs_l.expires_at <= now() then 'expired' else cs_l.status end"
                + " from consent cs_l where cs_l.tenant_id = " + contactAlias + ".tenant_id and cs_l.contact_id = "
                + contactAlias + ".id and cs_l.purpose = '" + purpose + "' and cs_l.channel in (" + channels + ")"
                + " order by " + effectiveAtSql("cs_l") + " desc, cs_l.id desc limit 1)";
    }
}
