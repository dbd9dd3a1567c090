package io.github.luccaprovisioning.sync.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.luccaprovisioning.scim.ScimUsers;
import io.github.luccaprovisioning.sync.decision.Outcome;

/**
 * The target account the sync state knows for an employee.
 *
 * @param targetId        the target's id of the account, or null when the sync found none for a former employee
 * @param active          whether the account was last left active
 * @param managerTargetId the manager account the target was last given, or null
 */
public record Account(String targetId, boolean active, String managerTargetId) {

    /** The account a former employee still has active in the target, or null when there is none to deactivate. */
    public static Account activeFound(JsonNode scimAccount) {
        boolean active = scimAccount != null && scimAccount.path("active").asBoolean(true);
        return active ? new Account(ScimUsers.idOf(scimAccount), true, null) : null;
    }

    /** Adopting an account the target already had: a reactivation when it was inactive (a rehire), else a link. */
    public static Outcome adoptionOutcome(JsonNode scimAccount) {
        return scimAccount.path("active").asBoolean(true) ? Outcome.LINKED : Outcome.REACTIVATED;
    }
}
