package io.github.luccaprovisioning.sync;

/**
 * The target account the sync state knows for an employee.
 *
 * @param targetId        the target's id of the account
 * @param active          whether the account was last left active
 * @param managerTargetId the manager account the target was last given, or null
 */
public record Account(String targetId, boolean active, String managerTargetId) {
}
