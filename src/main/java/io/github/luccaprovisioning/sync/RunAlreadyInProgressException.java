package io.github.luccaprovisioning.sync;

/** A run was asked for while another one is still going: runs never overlap. */
public final class RunAlreadyInProgressException extends IllegalStateException {

    private final long runningId;

    public RunAlreadyInProgressException(long runningId) {
        super("A sync is already in progress (run #" + runningId + ")");
        this.runningId = runningId;
    }

    public long getRunningId() {
        return runningId;
    }
}
