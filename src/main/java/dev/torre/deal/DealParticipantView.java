package dev.torre.deal;

import org.eclipse.microprofile.graphql.Type;

import dev.torre.contact.ContactView;

/** A contact of a deal with the part they play in it. */
@Type("DealContact")
public record DealParticipantView(String role, ContactView contact) {
}
