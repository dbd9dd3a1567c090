package io.github.luccaprovisioning.sync.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.sync.EmployeeLabels;

/**
 * A deactivation a run planned, with what is needed to apply it and to name the person.
 *
 * @param changeKey the leaver's idempotent key, or null for someone who vanished from Lucca
 */
public record PlannedDeactivation(long runId, String luccaId, String targetId, String reason, String changeKey,
                                  String employeeNumber, String userName, String displayName) {

    /** The person as a Lucca record, for error rows and logs. */
    public ObjectNode employeeRecord() {
        return EmployeeLabels.record(luccaId, displayName, employeeNumber, userName);
    }
}
