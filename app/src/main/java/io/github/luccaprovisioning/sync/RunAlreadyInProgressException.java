package io.github.luccaprovisioning.sync;

/** A run was asked for while another one is still going, on this replica or another: runs never overlap. */
public final class RunAlreadyInProgressException extends IllegalStateException {

    private final long runningId;

    public RunAlreadyInProgressException(RunLease.Holder running) {
        super("A sync is already in progress (run #" + running.runId() + " on replica " + running.replica() + ")");
        this.runningId = running.runId();
    }

    /** A run refused for another reason than a run in progress: runningId is then -1. */
    public RunAlreadyInProgressException(String message) {
        super(message);
        this.runningId = -1;
    }

    public long getRunningId() {
        return runningId;
    }
}
