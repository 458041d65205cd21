package dev.torre.consent;

/** Torre's defaults for contacts without a decision: only service notifications may go out, on the contract. */
final class ConsentPolicies {

    private ConsentPolicies() {
    }

    static ConsentPolicyView defaultFor(String purpose) {
        return "service_notifications".equals(purpose)
                ? new ConsentPolicyView(purpose, true, "contract")
                : new ConsentPolicyView(purpose, false, null);
    }
}
