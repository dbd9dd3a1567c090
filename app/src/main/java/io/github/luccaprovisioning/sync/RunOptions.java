package io.github.luccaprovisioning.sync;

/**
 * How one run was asked to behave.
 *
 * @param dryRun               plan and count everything, change nothing
 * @param approveDeactivations let the deactivations the guard would hold through
 * @param approvedRunId        a run whose held deactivations someone approved: those (and only those, unless
 *                             approveDeactivations) go through the guard in this run; null for none
 */
public record RunOptions(boolean dryRun, boolean approveDeactivations, Long approvedRunId) {

    public RunOptions(boolean dryRun, boolean approveDeactivations) {
        this(dryRun, approveDeactivations, null);
    }
}
