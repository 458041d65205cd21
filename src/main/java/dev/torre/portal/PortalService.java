package dev.torre.portal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.torre.consent.ConsentService;
import dev.torre.consent.ConsentView;
import dev.torre.contact.ContactLookupService;
import dev.torre.contact.ContactSelfService;
import dev.torre.contact.ContactView;
import dev.torre.platform.error.ErrorCode;
import dev.torre.platform.error.FieldError;
import dev.torre.platform.error.TorreException;
import dev.torre.platform.event.EventLog;
import dev.torre.platform.feed.EventFeed;
import dev.torre.platform.outreach.ConsentTerms;
import dev.torre.platform.security.PortalTokens;
import dev.torre.platform.security.RequiresScope;
import dev.torre.platform.tenancy.Caller;

/**
 * The preference portal: tokens minted for one contact, and what that contact may see and
 * change of itself — its profile (name, phone, locale), its consents and an export of its data.
 */
@ApplicationScoped
public class PortalService {

    static final String LOCALE = "locale";
    private static final Set<String> EDITABLE = Set.of("firstName", "lastName", "phone", LOCALE);
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");
    private static final int EXPORTED_EVENTS = 10_000;

    @Inject
    PortalTokens tokens;

    @Inject
    ContactLookupService contacts;

    @Inject
    ContactSelfService contactSelf;

    @Inject
    ConsentService consents;

    @Inject
    EventFeed eventFeed;

    @Inject
    EventLog events;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper mapper;

    @Transactional
    @RequiresScope("portal-tokens:write")
    public PortalTokenView mint(UUID contactId) {
        if (contacts.existing(List.of(contactId)).isEmpty()) {
            throw TorreException.notFound("Contact " + contactId);
        }
        if (!contacts.active(contactId)) {
            throw new TorreException(ErrorCode.CONFLICT, "Contact " + contactId + " is archived or erased; restore it before inviting it to the portal");
        }
        PortalTokens.Minted minted = tokens.mint(caller.tenant(), contactId);
        // the token itself is a credential and stays out of the log
        events.append("portal_token", contactId, "issued", Map.of("contactId", contactId.toString(),
                "expiresAt", minted.expiresAt().toString()));
        return new PortalTokenView(contactId, minted.token(), minted.expiresAt(), "me:read me:write");
    }

    @RequiresScope("me:read")
    public ProfileView profile() {
        return ProfileView.of(contactSelf.self());
    }

    /** Changes the contact's own name, phone or locale; any other field is refused. */
    @Transactional
    @RequiresScope("me:write")
    public ProfileView updateProfile(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new TorreException(ErrorCode.VALIDATION, "Send a JSON object with firstName, lastName, phone or locale");
        }
        ObjectNode contactPatch = mapper.createObjectNode();
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (!EDITABLE.contains(name)) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, name, "not_editable",
                        "Only firstName, lastName, phone and locale can be changed here");
            }
            if (!value.isNull() && !value.isTextual()) {
                throw TorreException.invalidField(ErrorCode.VALIDATION, name, "invalid_value", "A string or null");
            }
            if (LOCALE.equals(name)) {
                if (!value.isNull() && !LANGUAGE_TAG.matcher(value.asText()).matches()) {
                    throw TorreException.invalidField(ErrorCode.VALIDATION, LOCALE, "invalid_value", "A language tag such as es-ES");
                }
                contactPatch.putObject("properties").set(LOCALE, value);
            } else {
                contactPatch.set(name, value);
            }
        }
        return ProfileView.of(contactSelf.updateSelf(contactPatch));
    }

    @RequiresScope("me:read")
    public List<ConsentView> preferences() {
        return consents.currentOf(self().id());
    }

    /** Records the contact's own decisions in the ledger, with the request's ip and user agent as proof. */
    @Transactional
    @RequiresScope("me:write")
    public List<ConsentView> setPreferences(List<@Valid PreferenceInput> changes, String ip, String userAgent) {
        int most = ConsentTerms.PURPOSES.size() * ConsentTerms.decisionChannels().size();
        if (changes == null || changes.isEmpty() || changes.size() > most) {
            throw TorreException.invalidField(ErrorCode.VALIDATION, "preferences", "out_of_range",
                    "Send 1 to " + most + " decisions, at most one per purpose and channel");
        }
        UUID self = self().id();
        Set<String> decided = new HashSet<>();
        for (int i = 0; i < changes.size(); i++) {
            PreferenceInput p = changes.get(i);
            if (p == null || p.purpose() == null || p.channel() == null || p.status() == null) {
                throw new TorreException(ErrorCode.VALIDATION, "Each decision needs purpose, channel and status",
                        List.of(new FieldError("[" + i + "]", "required", "purpose, channel and status are required")));
            }
            if (!decided.add(p.purpose() + "/" + p.channel())) {
                throw new TorreException(ErrorCode.VALIDATION, "One decision per purpose and channel in a request",
                        List.of(new FieldError("[" + i + "]", "duplicate", "Already decided in this request: " + p.purpose() + " on " + p.channel())));
            }
        }
        // the ledger is append-only, so what one person may add to it is bounded over time too
        consents.requireRoomForOwnDecisions(self, changes.size());
        for (PreferenceInput p : changes) {
            consents.recordOwnDecision(self, p.purpose(), p.channel(), p.status(), ip, userAgent, p.wording(), p.wordingVersion());
        }
        return consents.currentOf(self);
    }

    /** Everything Torre keeps about the contact that the portal may show: profile, consents and their history, events. */
    @RequiresScope("me:read")
    public Map<String, Object> export() {
        ContactView self = contactSelf.self();
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("profile", self);
        export.put("consents", consents.currentOf(self.id()));
        export.put("consentHistory", consents.historyOf(self.id()));
        export.put("events", eventFeed.about(self.id(), EXPORTED_EVENTS));
        return export;
    }

    private ContactView self() {
        return contactSelf.self();
    }
}
