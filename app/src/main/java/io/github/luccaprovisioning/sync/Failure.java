package io.github.luccaprovisioning.sync;

/**
 * Why one employee was not synced, in words a person can act on.
 *
 * @param employee   who, as {@link EmployeeLabels} names them
 * @param step       where it failed: read, validate, provision, deactivate, manager link, cost center or sync
 * @param reason     what went wrong, never containing a secret
 * @param httpStatus the target's HTTP status, when it answered one
 */
public record Failure(String employee, String step, String reason, Integer httpStatus) {
}
