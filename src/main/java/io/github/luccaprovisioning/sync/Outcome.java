package io.github.luccaprovisioning.sync;

/** What a run did with one employee read from Lucca. */
public enum Outcome {
    /** A new account was created in the target. */
    CREATED("created"),
    /** The employee changed since the last sync and the target confirmed the update. */
    UPDATED("updated"),
    /** Nothing changed since the last confirmed sync: no call to the target. */
    UNCHANGED("unchanged"),
    /** A former employee who never had an account: there is nothing to create or deactivate. */
    SKIPPED("skipped (left before their first sync)"),
    /** The employee could not be synced in this run; the next run tries again. */
    FAILED("failed");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
