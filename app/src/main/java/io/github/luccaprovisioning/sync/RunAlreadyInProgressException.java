package io.github.luccaprovisioning.sync;

/** A run was asked for while another one is still going: runs never overlap. */
public final class RunAlreadyInProgressException extends IllegalStateException {

    private final long runningId;

    /** @param runningId the run in progress, or a negative number for one still being recorded */
    public RunAlreadyInProgressException(long runningId) {
        super(runningId < 0 ? "A sync is already starting" : "A sync is already in progress (run #" + runningId + ")");
        this.runningId = runningId;
    }

    public long getRunningId() {
        return runningId;
    }
}
