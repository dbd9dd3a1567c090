package io.github.luccaprovisioning.sync;

/**
 * How one run was asked to behave.
 *
 * @param dryRun               plan and count everything, change nothing
 * @param approveDeactivations let the deactivations the guard would hold through
 */
public record RunOptions(boolean dryRun, boolean approveDeactivations) {
}
