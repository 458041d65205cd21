package dev.torre.deal;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.torre.platform.persistence.TenantEntity;

/** A contact taking part in a deal, with a role such as decision maker, champion or billing. */
@Entity
@Table(name = "deal_contact")
public class DealContact extends TenantEntity {

    @Column(name = "deal_id", nullable = false, updatable = false)
    public UUID dealId;

    @Column(name = "contact_id", nullable = false, updatable = false)
    public UUID contactId;

    public String role;

    static DealContact of(UUID dealId, DealInput.Party party) {
        DealContact link = new DealContact();
        link.dealId = dealId;
        link.contactId = party.contactId();
        link.role = party.role();
        return link;
    }

    void changeRole(String newRole) {
        role = newRole;
    }
}
