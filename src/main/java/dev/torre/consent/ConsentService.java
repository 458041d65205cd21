package dev.torre.consent;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import dev.torre.contact.ContactLookupService;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.ids.Ids;
import dev.torre.platform.outreach.ConsentTerms;
import dev.torre.platform.outreach.OutreachGuard;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.Caller;
import dev.torre.platform.tenancy.TenantContext;
import dev.torre.platform.time.CallerTime;
import dev.torre.platform.time.ServerClock;

import static dev.torre.platform.outreach.ConsentTerms.ALL_CHANNELS;
import static dev.torre.platform.outreach.ConsentTerms.CHANNELS;
import static dev.torre.platform.outreach.ConsentTerms.LAWFUL_BASES;
import static dev.torre.platform.outreach.ConsentTerms.PURPOSES;
import static dev.torre.platform.outreach.ConsentTerms.SOURCES;
import static dev.torre.platform.outreach.ConsentTerms.STATUSES;
import static dev.torre.platform.outreach.ConsentTerms.decisionChannels;

/**
 * The only place that writes the consent ledger: records decisions (append-only), answers
 * what a contact currently allows, and keeps each tenant's policy for contacts who have
 * not decided yet.
 */
@ApplicationScoped
public class ConsentService {

    @Inject
    ServerClock clock;

    public static final int MAX_CONTACTS_PER_QUESTION = 1000;
    /** How many decisions a contact may make itself in the portal in a rolling day. */
    static final int OWN_DECISIONS_PER_DAY = 60;
    /** Roles whose override reason is accepted. */
    static final List<String> OVERRIDING_ROLES = List.of("admin");
    private static final Pattern IP = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    @Inject
    EntityManager em;

    @Inject
    EventLog events;

    @Inject
    Caller caller;

    @Inject
    ContactLookupService contacts;

    @Transactional
    @RequiresScope("consents:write")
    public ConsentView record(UUID contactId, @Valid ConsentInput input) {
        return recordDecision(contactId, input);
    }

    private ConsentView recordDecision(UUID contactId, ConsentInput input) {
        requireContact(contactId);
        Instant now = clock.now();
        check(input, now);
        Consent c = new Consent();
        c.contactId = contactId;
        c.purpose = input.purpose();
        c.channel = input.channel();
        c.status = input.status();
        c.lawfulBasis = input.lawfulBasis();
        c.source = input.source();
        ConsentInput.Proof proof = input.proof();
        if (proof != null) {
            c.proofIp = blankToNull(proof.ip());
            c.proofUserAgent = blankToNull(proof.userAgent());
            c.proofFormUrl = blankToNull(proof.formUrl());
            c.proofWording = blankToNull(proof.wording());
            c.proofWordingVersion = blankToNull(proof.wordingVersion());
        }
        c.occurredAt = input.occurredAt() == null ? now : input.occurredAt();
        c.expiresAt = input.expiresAt();
        c.recordedBy = caller.actor();
        em.persist(c);
        em.flush();
        // The proof (ip, user agent, wording) stays in the ledger only: the event log carries no personal data.
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("contactId", contactId.toString());
        payload.put("purpose", c.purpose);
        payload.put("channel", c.channel);
        payload.put("status", c.status);
        payload.put("lawfulBasis", c.lawfulBasis);
        payload.put("source", c.source);
        payload.put("occurredAt", c.occurredAt.toString());
        payload.put("expiresAt", c.expiresAt == null ? null : c.expiresAt.toString());
        events.append("consent", c.id, "recorded", payload);
        return ConsentView.of(c, now);
    }

    /**
     * A decision the contact made itself in the preference portal: basis consent, source portal,
     * the request's ip and user agent as proof. The portal has established who the contact is.
     */
    @Transactional
    public ConsentView recordOwnDecision(UUID contactId, String purpose, String channel, String status, String ip,
            String userAgent, String wording, String wordingVersion) {
        String agent = userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 1000));
        ConsentInput.Proof proof = new ConsentInput.Proof(ip, agent, null, wording, wordingVersion);
        return recordDecision(contactId, new ConsentInput(purpose, channel, status, "consent", "portal", proof, null, null));
    }

    /**
     * Refuses (429) more of a contact's own decisions than {@link #OWN_DECISIONS_PER_DAY} in a
     * rolling day: the ledger is append-only, so a portal session must not be able to grow it
     * without end. Counted in the database, so every instance applies the same bound.
     */
    public void requireRoomForOwnDecisions(UUID contactId, int wanted) {
        Object[] row = (Object[]) em.createNativeQuery("""
                select count(*), min(created_at) from consent
                where tenant_id = ?1 and contact_id = ?2 and source = 'portal' and created_at > ?3
                """).setParameter(1, TenantContext.current()).setParameter(2, contactId)
                .setParameter(3, clock.now().minus(Duration.ofDays(1))).getSingleResult();
        long recent = ((Number) row[0]).longValue();
        if (recent + wanted > OWN_DECISIONS_PER_DAY) {
            Instant oldest = instant(row[1]);
            long seconds = oldest == null ? 86_400
                    : Math.max(1, Duration.between(clock.now(), oldest.plus(Duration.ofDays(1))).toSeconds() + 1);
            throw new TorreException(ErrorCode.RATE_LIMITED, "This contact has made " + recent + " decisions in the portal in the last day, the most "
                    + OWN_DECISIONS_PER_DAY + "; retry after " + seconds + " s", List.of(), Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    /**
     * Blanks the personal parts of a contact's proofs (ip, user agent, form url) for an erasure;
     * the decisions themselves stay, as the record that they were made.
     */
    @Transactional
    public void eraseProofs(UUID contactId) {
        em.createNativeQuery("""
                update consent set proof_ip = null, proof_user_agent = null, proof_form_url = null, updated_at = now()
                where tenant_id = ?1 and contact_id = ?2
                """).setParameter(1, TenantContext.current()).setParameter(2, contactId).executeUpdate();
    }

    @RequiresScope("consents:read")
    public ConsentView entry(UUID contactId, UUID entryId) {
        Consent c = em.find(Consent.class, entryId);
        if (c == null || !c.contactId.equals(contactId)) {
            throw TorreException.notFound("Consent entry " + entryId);
        }
        return ConsentView.of(c, clock.now());
    }

    /** The latest decision per purpose and channel. */
    @RequiresScope("consents:read")
    public List<ConsentView> current(UUID contactId) {
        return currentOf(contactId);
    }

    /** Like {@link #current}, for capabilities that check the caller themselves (portal, export). */
    public List<ConsentView> currentOf(UUID contactId) {
        requireContact(contactId);
        return views(em.createNativeQuery("""
                select distinct on (purpose, channel) * from consent c
                where tenant_id = ?1 and contact_id = ?2
                order by purpose, channel, %s desc, id desc
                """.formatted(ConsentTerms.effectiveAtSql("c")), Consent.class), contactId);
    }

    /** The latest decision per purpose and channel of each of these contacts, in one query (GraphQL's batches). */
    @RequiresScope("consents:read")
    public Map<UUID, List<ConsentView>> currentByContact(Collection<UUID> contactIds) {
        @SuppressWarnings("unchecked")
        List<Consent> rows = em.createNativeQuery("""
                select distinct on (contact_id, purpose, channel) * from consent c
                where tenant_id = ?1 and contact_id = any(?2)
                order by contact_id, purpose, channel, %s desc, id desc
                """.formatted(ConsentTerms.effectiveAtSql("c")), Consent.class).setParameter(1, TenantContext.current())
                .setParameter(2, contactIds.toArray(UUID[]::new)).getResultList();
        Instant now = clock.now();
        Map<UUID, List<ConsentView>> byContact = new LinkedHashMap<>();
        contactIds.forEach(id -> byContact.put(id, new ArrayList<>()));
        rows.forEach(c -> byContact.get(c.contactId).add(ConsentView.of(c, now)));
        return byContact;
    }

    /** The whole ledger of a contact, newest decision first. */
    @RequiresScope("consents:read")
    public List<ConsentView> history(UUID contactId) {
        return historyOf(contactId);
    }

    public List<ConsentView> historyOf(UUID contactId) {
        requireContact(contactId);
        return views(em.createNativeQuery("""
                select * from consent c where tenant_id = ?1 and contact_id = ?2 order by %s desc, id desc
                """.formatted(ConsentTerms.effectiveAtSql("c")), Consent.class), contactId);
    }

    @RequiresScope("consents:read")
    public ContactabilityView contactability(UUID contactId, String purpose, String channel) {
        ContactabilityView answer = answers(List.of(contactId), purpose, channel).getFirst();
        if ("unknown_contact".equals(answer.reason())) {
            throw TorreException.notFound("Contact " + contactId);
        }
        return answer;
    }

    /** Answers for many contacts at once, in the order asked, with one query. */
    @RequiresScope("consents:read")
    public List<ContactabilityView> contactability(List<UUID> contactIds, String purpose, String channel) {
        if (contactIds.isEmpty() || contactIds.size() > MAX_CONTACTS_PER_QUESTION) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "contactIds", "out_of_range",
                    "Ask about 1 to " + MAX_CONTACTS_PER_QUESTION + " contacts at once");
        }
        return answers(contactIds, purpose, channel);
    }

    /** The contactability answers; unknown contacts are answered as such rather than refused. */
    List<ContactabilityView> answers(List<UUID> contactIds, String purpose, String channel) {
        oneOf("purpose", purpose, PURPOSES);
        oneOf("channel", channel, CHANNELS);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select ids.id,
                       exists (select 1 from contact k where k.tenant_id = ?1 and k.id = ids.id),
                       l.status, l.lawful_basis, l.occurred_at, l.expires_at, l.channel,
                       p.allowed_without_decision, p.basis
                from unnest(cast(?2 as uuid[])) with ordinality as ids(id, n)
                left join lateral (
                    select d.status, d.lawful_basis, d.occurred_at, d.expires_at, d.channel from consent d
                    where d.tenant_id = ?1 and d.contact_id = ids.id and d.purpose = ?3 and d.channel in (?4, 'all')
                    order by %s desc, d.id desc limit 1) l on true
                left join consent_policy p on p.tenant_id = ?1 and p.purpose = ?3
                order by ids.n
                """.formatted(ConsentTerms.effectiveAtSql("d")))
                .setParameter(1, TenantContext.current())
                .setParameter(2, contactIds.toArray(UUID[]::new))
                .setParameter(3, purpose)
                .setParameter(4, channel)
                .getResultList();
        Instant now = clock.now();
        List<ContactabilityView> answers = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            answers.add(answer(r, purpose, channel, now));
        }
        return answers;
    }

    private static ContactabilityView answer(Object[] r, String purpose, String channel, Instant now) {
        UUID id = (UUID) r[0];
        if (!Boolean.TRUE.equals(r[1])) {
            return new ContactabilityView(id, purpose, channel, false, "unknown_contact", null, null, null);
        }
        String status = (String) r[2];
        Instant occurredAt = instant(r[4]);
        Instant expiresAt = instant(r[5]);
        ConsentPolicyView policy = r[7] == null ? ConsentPolicies.defaultFor(purpose)
                : new ConsentPolicyView(purpose, (Boolean) r[7], (String) r[8]);
        if (status == null || ("granted".equals(status) && expiresAt != null && !expiresAt.isAfter(now))) {
            String reason = status == null ? "no_decision" : "expired";
            boolean allowed = policy.allowedWithoutDecision();
            return new ContactabilityView(id, purpose, channel, allowed, reason, allowed ? policy.basis() : null,
                    status == null ? null : expiresAt, status == null ? null : (String) r[6]);
        }
        boolean allowed = "granted".equals(status);
        return new ContactabilityView(id, purpose, channel, allowed, status, allowed ? (String) r[3] : null, occurredAt,
                (String) r[6]);
    }

    /**
     * Refuses (409 consent-missing) an outbound message the contact has not allowed, unless a
     * role allowed to override gives a reason, which is kept as a {@code consent.overridden} event.
     */
    @Transactional(dontRollbackOn = TorreException.class) // a refusal must not doom the caller's batch
    public void checkOutreach(OutreachGuard.Outreach outreach) {
        if (outreach.channel() == null || !ConsentTerms.CHANNELS.contains(outreach.channel())) {
            return; // not a message channel (a meeting, a note): it reaches nobody
        }
        // a message must say why it is sent: a missing or unknown purpose is refused, never left unchecked
        oneOf("purpose", outreach.purpose(), PURPOSES);
        ContactabilityView answer = answers(List.of(outreach.contactId()), outreach.purpose(), outreach.channel()).getFirst();
        if ("unknown_contact".equals(answer.reason())) {
            throw TorreException.notFound("Contact " + outreach.contactId());
        }
        if (answer.allowed()) {
            return;
        }
        String consent = "consent." + outreach.purpose() + "." + outreach.channel();
        String reason = blankToNull(outreach.overrideReason());
        if (reason == null) {
            throw new TorreException(ErrorCode.CONSENT_MISSING, "The contact has not allowed " + outreach.purpose() + " on "
                    + outreach.channel() + " (" + answer.reason() + "); give an overrideReason if you may send anyway",
                    List.of(new FieldError(consent, answer.reason(), "No " + outreach.purpose() + " consent on " + outreach.channel())));
        }
        if (OVERRIDING_ROLES.stream().noneMatch(caller::hasRole)) {
            throw TorreException.invalidField(ErrorCode.FORBIDDEN, "overrideReason", "not_allowed",
                    "Only " + String.join(", ", OVERRIDING_ROLES) + " may send without consent");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("contactId", outreach.contactId().toString());
        payload.put("purpose", outreach.purpose());
        payload.put("channel", outreach.channel());
        payload.put("refusedBecause", answer.reason());
        payload.put("overrideReason", reason);
        events.append("consent", outreach.contactId(), "overridden", payload);
    }

    /** The same check as a call of its own, for tools that ask before they send. */
    @Transactional
    @RequiresScope("consents:read")
    public void checkOutreach(UUID contactId, @Valid OutreachCheck check) {
        oneOf("purpose", check.purpose(), PURPOSES);
        oneOf("channel", check.channel(), CHANNELS);
        checkOutreach(new OutreachGuard.Outreach(contactId, check.purpose(), check.channel(), check.overrideReason()));
    }

    // --- the tenant's policy for contacts without a decision

    @RequiresScope("consents:read")
    public List<ConsentPolicyView> policies() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select purpose, allowed_without_decision, basis from consent_policy where tenant_id = ?1")
                .setParameter(1, TenantContext.current()).getResultList();
        Map<String, ConsentPolicyView> set = new LinkedHashMap<>();
        rows.forEach(r -> set.put((String) r[0], new ConsentPolicyView((String) r[0], (Boolean) r[1], (String) r[2])));
        return PURPOSES.stream().map(p -> set.getOrDefault(p, ConsentPolicies.defaultFor(p))).toList();
    }

    @Transactional
    @RequiresScope("consent-policy:write")
    public ConsentPolicyView setPolicy(String purpose, @Valid ConsentPolicyInput input) {
        oneOf("purpose", purpose, PURPOSES);
        String basis = blankToNull(input.basis());
        if (basis != null) {
            oneOf("basis", basis, LAWFUL_BASES);
        }
        if (input.allowedWithoutDecision() && basis == null) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "basis", "required",
                    "Name the lawful basis that allows reaching contacts without a decision");
        }
        Instant now = clock.now();
        UUID id = (UUID) em.createNativeQuery("""
                insert into consent_policy (tenant_id, id, purpose, allowed_without_decision, basis, version, created_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, 0, ?6, ?6)
                on conflict (tenant_id, purpose) do update set allowed_without_decision = excluded.allowed_without_decision,
                    basis = excluded.basis, version = consent_policy.version + 1, updated_at = excluded.updated_at
                returning id
                """)
                .setParameter(1, TenantContext.current()).setParameter(2, Ids.next()).setParameter(3, purpose)
                .setParameter(4, input.allowedWithoutDecision()).setParameter(5, basis).setParameter(6, now)
                .getSingleResult();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("purpose", purpose);
        payload.put("allowedWithoutDecision", input.allowedWithoutDecision());
        payload.put("basis", basis);
        events.append("consent_policy", id, "updated", payload);
        return new ConsentPolicyView(purpose, input.allowedWithoutDecision(), basis);
    }

    // --- rules

    private void check(ConsentInput in, Instant now) {
        oneOf("purpose", in.purpose(), PURPOSES);
        oneOf("channel", in.channel(), decisionChannels());
        oneOf("status", in.status(), STATUSES);
        oneOf("lawfulBasis", in.lawfulBasis(), LAWFUL_BASES);
        oneOf("source", in.source(), SOURCES);
        CallerTime.past("occurredAt", in.occurredAt(), now);
        Instant occurred = in.occurredAt() == null ? now : in.occurredAt();
        if (in.expiresAt() != null && !in.expiresAt().isAfter(occurred)) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "expiresAt", "before_occurred",
                    "expiresAt must come after occurredAt");
        }
        ConsentInput.Proof proof = in.proof();
        if (proof != null && proof.ip() != null && !proof.ip().isBlank() && !isIp(proof.ip().trim())) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "proof.ip", "invalid_value", "An IPv4 or IPv6 address");
        }
        if (proof != null && proof.formUrl() != null && !proof.formUrl().isBlank() && !isWebUrl(proof.formUrl().trim())) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "proof.formUrl", "invalid_value", "An http or https URL");
        }
        boolean explicitGrant = "granted".equals(in.status()) && "consent".equals(in.lawfulBasis());
        if (explicitGrant && (proof == null || (blankToNull(proof.wording()) == null && blankToNull(proof.wordingVersion()) == null))) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "proof.wording", "required",
                    "A grant on the basis of consent needs the wording agreed to, or its version id (proof.wording or proof.wordingVersion)");
        }
    }

    private void requireContact(UUID contactId) {
        if (contacts.existing(List.of(contactId)).isEmpty()) {
            throw TorreException.notFound("Contact " + contactId);
        }
    }

    static void oneOf(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            String message = "One of: " + String.join(", ", allowed);
            throw new TorreException(ErrorCode.VALIDATION, (value == null ? field + " is required" : "Unknown " + field)
                    + "; " + message, List.of(new FieldError(field, value == null ? "required" : "invalid_value", message)));
        }
    }

    private static boolean isIp(String text) {
        if (!IP.matcher(text).matches()) {
            return false;
        }
        try {
            // Only digits, dots, colons and hex reach here, so no name lookup can happen.
            java.net.InetAddress.getByName(text);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean isWebUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private List<ConsentView> views(jakarta.persistence.Query query, UUID contactId) {
        @SuppressWarnings("unchecked")
        List<Consent> rows = query.setParameter(1, TenantContext.current()).setParameter(2, contactId).getResultList();
        Instant now = clock.now();
        return rows.stream().map(c -> ConsentView.of(c, now)).toList();
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case java.time.OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("not a timestamp: " + value.getClass());
        };
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
