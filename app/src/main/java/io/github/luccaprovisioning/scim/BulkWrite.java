package io.github.luccaprovisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.sync.decision.Outcome;
import io.github.luccaprovisioning.sync.state.Account;
import io.github.luccaprovisioning.sync.state.ManagerLink;
import io.github.luccaprovisioning.sync.state.PlannedDeactivation;

import java.util.Objects;

/**
 * One write waiting for a bulk request: the operation the target is to apply, and what the sync records for the
 * employee once the target confirmed it (the same as after a single call).
 *
 * @param method       POST, PUT or PATCH
 * @param path         /Users or /Users/{id}
 * @param data         the user (POST, PUT) or the PatchOp (PATCH)
 * @param employee     the Lucca record, to name the employee in an error
 * @param deactivation the planned deactivation, for a PATCH active=false; null otherwise
 * @param managerLink  the manager link, for a PATCH of the manager; null otherwise
 */
public record BulkWrite(String method, String path, ObjectNode data, JsonNode employee, Account account,
                        ObjectNode scimUser, String targetId, String changeKey, Outcome outcome,
                        PlannedDeactivation deactivation, ManagerLink managerLink) {

    /**
     * The write a request to the Users endpoint stands for (target-request, when the run writes in bulk): a
     * deactivation's or a manager link's PATCH, else a creation (POST) or a replacement (PUT) of the employee's user.
     */
    public static BulkWrite of(String method, JsonNode employee, Account account, ObjectNode scimUser, String targetId,
                               String changeKey, Outcome outcome, PlannedDeactivation deactivation, ManagerLink managerLink) {
        if (deactivation != null) {
            return ofDeactivation(deactivation);
        }
        if (managerLink != null) {
            return ofManagerLink(managerLink);
        }
        return switch (method) {
            case "POST" -> creation(employee, account, scimUser, changeKey, outcome);
            case "PUT" -> replacement(employee, account, scimUser, targetId, changeKey, outcome);
            default -> throw new IllegalArgumentException("no bulk operation for a " + method + " of the user");
        };
    }

    /** POST /Users: an account for someone new. */
    public static BulkWrite creation(JsonNode employee, Account account, ObjectNode scimUser, String changeKey, Outcome outcome) {
        return new BulkWrite("POST", "/Users", scimUser, employee, account, scimUser, null, changeKey, outcome, null, null);
    }

    /** PUT /Users/{id}: a change, a rehire or an adopted account. */
    public static BulkWrite replacement(JsonNode employee, Account account, ObjectNode scimUser, String targetId,
                                        String changeKey, Outcome outcome) {
        return new BulkWrite("PUT", "/Users/" + targetId, scimUser, employee, account, scimUser, targetId, changeKey, outcome, null, null);
    }

    /** PATCH /Users/{id} active=false: a leaver the guard let through. */
    public static BulkWrite ofDeactivation(PlannedDeactivation deactivation) {
        return new BulkWrite("PATCH", "/Users/" + deactivation.targetId(), ScimUsers.deactivation(),
                deactivation.employeeRecord(), null, null, deactivation.targetId(), deactivation.changeKey(),
                Outcome.DEACTIVATED, deactivation, null);
    }

    /** PATCH /Users/{id} of the manager: the second pass, once everyone of the run has an account. */
    public static BulkWrite ofManagerLink(ManagerLink link) {
        return new BulkWrite("PATCH", "/Users/" + link.targetId(), ScimUsers.managerLink(link.wantedManagerTargetId()),
                link.employeeRecord(), null, null, link.targetId(), null, null, null, link);
    }

    /**
     * Left out of the hash: the JSON (equal writes still hash alike). Camel's simple language looks up every object
     * whose method it calls ({@code ${exchangeProperty.bulkWrite.employee}}) in a cache by its hash: hashing
     * the employee's and the user's JSON trees each time showed in the profile of a bulk sync.
     */
    @Override
    public int hashCode() {
        return Objects.hash(method, path, targetId, changeKey, outcome);
    }

    // not isCreation or isDeactivation: to Camel's simple language, `.deactivation` would then name two methods, the
    // accessor and the getter, and which it takes would depend on the order reflection lists them
    public boolean createsAccount() {
        return method.equals("POST");
    }

    /** The step an error names (FailureReasons); null to tell it from the exception, as for a single call. */
    public String step() {
        if (deactivation != null) {
            return "deactivate";
        }
        return managerLink != null ? "manager link" : null;
    }
}
