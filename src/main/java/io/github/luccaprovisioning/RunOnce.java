package io.github.luccaprovisioning;

import io.github.luccaprovisioning.sync.SyncRun;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.MainSupport;

/**
 * With {@code sync.run-once=true}: runs one sync as soon as Camel started, prints the summary, and lets the
 * process end with 0 when the run completed (failed employees included) or 1 when it could not complete.
 */
final class RunOnce extends MainListenerSupport {

    private final CommandLine commandLine;
    private volatile int exitCode;

    RunOnce(CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext camel = main.getCamelContext();
        if (!commandLine.once() && !setting(camel, "sync.run-once")) {
            return;
        }
        try {
            Exchange done = camel.createProducerTemplate().request("direct:sync-directory", exchange -> {
                exchange.getIn().setHeader("syncTrigger", "once");
                exchange.getIn().setHeader("syncDryRun", commandLine.dryRun() || setting(camel, "sync.dry-run"));
                exchange.getIn().setHeader("syncApproveDeactivations",
                        commandLine.approveDeactivations() || setting(camel, "sync.approve-deactivations"));
            });
            if (done.getException() != null) {
                throw done.getException();
            }
            SyncRun run = done.getMessage().getBody(SyncRun.class);
            System.out.print(run.getSummary());
            exitCode = run.isFailed() ? 1 : 0;
            if (run.isFailed()) {
                System.err.println("Sync failed: " + run.getFailureReason());
            }
        } catch (Exception e) {
            System.err.println("Sync failed: " + StartupErrors.explain(e));
            exitCode = 1;
        }
        ((MainSupport) main).completed();
    }

    private static boolean setting(CamelContext camel, String key) {
        return camel.getPropertiesComponent().resolveProperty(key).map(Boolean::parseBoolean).orElse(false);
    }

    int exitCode() {
        return exitCode;
    }
}
