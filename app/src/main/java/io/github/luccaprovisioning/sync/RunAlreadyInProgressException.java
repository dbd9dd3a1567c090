package io.github.luccaprovisioning.sync;

/** A run was asked for while another one is still going, on this replica or another: runs never overlap. */
public final class RunAlreadyInProgressException extends IllegalStateException {

    private final long runningId;

    public RunAlreadyInProgressException(RunLease.Holder running) {
        super("A sync is already in progress (run #" + running.runId() + " on replica " + running.replica() + ")");
        this.runningId = running.runId();
    }

    public long getRunningId() {
        return runningId;
    }
}
