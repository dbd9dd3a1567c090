package io.github.luccaprovisioning;

import org.apache.camel.main.Main;

/**
 * camel-main's {@link Main}, remembering why it could not start: {@code Main.run()} only logs that, and the
 * command line owes its caller one clear line and a non-zero exit status.
 */
public final class ProvisioningMain extends Main {

    private volatile Exception startFailure;

    public ProvisioningMain() {
        super(LuccaProvisioning.class);
    }

    @Override
    protected void doInit() throws Exception {
        try {
            super.doInit();
        } catch (Exception e) {
            failedToStart(e);
            throw e;
        }
    }

    @Override
    protected void doStart() throws Exception {
        try {
            super.doStart();
        } catch (Exception e) {
            failedToStart(e);
            throw e;
        }
    }

    void failedToStart(Exception e) {
        if (startFailure == null) {
            startFailure = e;
        }
    }

    /** Why the routes could not start, or null. */
    public Exception startFailure() {
        return startFailure;
    }
}
