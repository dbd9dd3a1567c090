package io.github.luccaprovisioning.sync.decision;

/**
 * Keeps one bad read or one wrong filter from locking a company out. Deactivations go ahead only after a complete
 * Lucca read, and only while they stay within sync.max-deactivations and sync.max-deactivation-percent of the
 * active accounts; beyond that they are held until someone approves them.
 */
public final class DeprovisioningGuard {

    public enum Decision {
        /** Nothing planned after a complete read. */
        NONE,
        /** Within the limits, or approved: apply them. */
        APPLY,
        /** Over a limit: keep them for approval, apply nothing. */
        HOLD,
        /** The read was incomplete or empty: nobody is deactivated on doubt, whatever was planned. */
        READ_INCOMPLETE
    }

    private final int maxDeactivations;
    private final int maxPercent;

    public DeprovisioningGuard(int maxDeactivations, int maxPercent) {
        if (maxDeactivations < 0 || maxPercent < 0 || maxPercent > 100) {
            throw new IllegalArgumentException("sync.max-deactivations must be 0 or more and sync.max-deactivation-percent "
                    + "between 0 and 100, not " + maxDeactivations + " and " + maxPercent);
        }
        this.maxDeactivations = maxDeactivations;
        this.maxPercent = maxPercent;
    }

    /**
     * @param planned        deactivations the run planned
     * @param activeAccounts active accounts before the run's deactivations
     * @param readComplete   whether the Lucca read was complete (every page, the announced count, someone in it)
     * @param approved       whether someone approved this run's deactivations
     */
    public Decision decide(int planned, int activeAccounts, boolean readComplete, boolean approved) {
        if (!readComplete) {
            return Decision.READ_INCOMPLETE;
        }
        if (planned == 0) {
            return Decision.NONE;
        }
        if (approved) {
            return Decision.APPLY;
        }
        boolean overCount = planned > maxDeactivations;
        boolean overPercent = (long) planned * 100 > (long) maxPercent * Math.max(activeAccounts, 1);
        return overCount || overPercent ? Decision.HOLD : Decision.APPLY;
    }
}
