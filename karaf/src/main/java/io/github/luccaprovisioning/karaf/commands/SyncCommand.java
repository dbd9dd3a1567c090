package io.github.luccaprovisioning.karaf.commands;

import io.github.luccaprovisioning.sync.SyncRun;
import org.apache.camel.Exchange;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** lucca:sync: one sync now, as "Import data now" on the dashboard; waits for it and prints its summary. */
@Command(scope = "lucca", name = "sync", description = "Runs one sync now and prints its summary")
@Service
public class SyncCommand extends ProvisioningCommand {

    @Option(name = "--dry-run", description = "Plan and count everything, change nothing")
    boolean dryRun;

    @Option(name = "--approve-deactivations", description = "Let the deactivations the guard holds back through")
    boolean approveDeactivations;

    @Override
    protected Object run() throws Exception {
        Exchange done = camel().createProducerTemplate().request("direct:sync-directory", exchange -> {
            exchange.getIn().setHeader("syncTrigger", "manual");
            exchange.getIn().setHeader("syncDryRun", dryRun);
            exchange.getIn().setHeader("syncApproveDeactivations", approveDeactivations);
        });
        if (done.getException() != null) {
            // a run already in progress says which one
            System.out.println("Sync not started: " + done.getException().getMessage());
            return null;
        }
        SyncRun run = done.getMessage().getBody(SyncRun.class);
        System.out.print(run.getSummary());
        if (run.isFailed()) {
            System.out.println("Sync failed: " + run.getFailureReason());
        }
        return null;
    }
}
