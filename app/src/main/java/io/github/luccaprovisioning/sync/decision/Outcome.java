package io.github.luccaprovisioning.sync.decision;

/**
 * What a run did with one employee. Each employee read ends in one outcome as the directory streams by; what the
 * passes after the read do is counted on top: {@link #WARNING} (a manager that cannot be linked), {@link #FAILED}
 * for a deactivation or a manager link the target refused.
 */
public enum Outcome {
    /** A new account was created in the target. */
    CREATED("created"),
    /** An account that already existed in the target (same externalId or email) was adopted, not duplicated. */
    LINKED("linked to an existing account"),
    /** The employee changed since the last sync and the target confirmed the update. */
    UPDATED("updated"),
    /** A rehire: the same account was made active again. */
    REACTIVATED("reactivated"),
    /** A leaver: the account was deactivated (never deleted unless target.delete-leavers=true). */
    DEACTIVATED("deactivated"),
    /** Nothing changed since the last confirmed sync: no call to the target. */
    UNCHANGED("unchanged"),
    /** A future hire, created only from sync.days-before-start days before the first day. */
    NOT_STARTED_YET("not started yet"),
    /** Left out by the scope filters; someone synced before who falls out of scope is deactivated like a leaver. */
    OUT_OF_SCOPE("out of scope"),
    /** A former employee without an active account: nothing to create or deactivate. */
    SKIPPED("skipped (former employees)"),
    /** Deactivations over the guard's threshold, waiting for someone to approve them. */
    HELD_FOR_APPROVAL("held for approval"),
    /** The employee could not be synced in this run; the next run tries again. */
    FAILED("failed"),
    /** Something to look at that did not stop the employee's sync (a manager that could not be linked). */
    WARNING("warnings");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The sync_run column that keeps this count. */
    public String column() {
        return name().toLowerCase() + "_count";
    }
}
