package io.github.luccaprovisioning.sync.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.sync.EmployeeLabels;

import java.util.Objects;

/**
 * The manager an employee's account should point to, after everyone of the run exists in the target.
 *
 * @param wantedManagerTargetId the manager's account, or null when there is none to link
 * @param warning               why a manager named in Lucca cannot be linked, or null
 */
public record ManagerLink(String luccaId, String targetId, String employeeNumber, String userName, String displayName,
                          String managerLuccaId, String currentManagerTargetId, String wantedManagerTargetId,
                          String warning) {

    /** Whether the target must be told: the manager account differs from the one it was last given. */
    public boolean changed() {
        return !Objects.equals(currentManagerTargetId, wantedManagerTargetId);
    }

    public ObjectNode employeeRecord() {
        return EmployeeLabels.record(luccaId, displayName, employeeNumber, userName);
    }
}
