package io.github.luccaprovisioning;

import io.github.luccaprovisioning.check.ConnectionReport;
import io.github.luccaprovisioning.sync.FailureReasons;
import io.github.luccaprovisioning.sync.RunRecorder;
import io.github.luccaprovisioning.sync.SyncRun;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.MainSupport;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The commands that run once, as soon as Camel started, then end the process: --check (0 when Lucca and the target
 * both work), --preview (the payloads) and a sync with --once or {@code sync.run-once=true} (0 when the run
 * completed, failed employees included, 1 when it could not complete).
 */
final class OneShotCommands extends MainListenerSupport {

    private final CommandLine commandLine;
    private final boolean quietConsole;
    private volatile int exitCode;

    /** @param quietConsole whether the console log shows only errors, which leaves room for the progress line */
    OneShotCommands(CommandLine commandLine, boolean quietConsole) {
        this.commandLine = commandLine;
        this.quietConsole = quietConsole;
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext camel = main.getCamelContext();
        if (commandLine.check()) {
            ConnectionReport report = camel.createProducerTemplate().requestBody("direct:check-connections", null, ConnectionReport.class);
            System.out.print(report.getText());
            exitCode = report.isAllWorking() ? 0 : 1;
        } else if (commandLine.preview()) {
            exitCode = preview(camel);
        } else if (commandLine.once() || setting(camel, "sync.run-once")) {
            exitCode = sync(camel);
        } else {
            return;
        }
        ((MainSupport) main).completed();
    }

    private int preview(CamelContext camel) {
        Map<String, Object> what = new HashMap<>();
        what.put("previewCount", commandLine.previewCount());
        what.put("previewEmployee", commandLine.previewEmployee());
        try {
            System.out.print(camel.createProducerTemplate().requestBodyAndHeaders("direct:preview-payloads", null, what, String.class));
            return 0;
        } catch (Exception e) {
            System.err.println("Preview failed: " + FailureReasons.ofRun(e));
            return 1;
        }
    }

    private int sync(CamelContext camel) {
        RunRecorder recorder = camel.getRegistry().lookupByNameAndType("runRecorder", RunRecorder.class);
        // the whole log on the console would break the line up, and it has a line per page anyway
        ConsoleProgress progress = quietConsole && ConsoleProgress.onTerminal()
                ? ConsoleProgress.start(System.out, recorder::currentRun, Duration.ofMillis(250)) : null;
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
            if (progress != null) {
                progress.close();
            }
            System.out.print(run.getSummary());
            if (run.isFailed()) {
                System.err.println("Sync failed: " + run.getFailureReason());
                return 1;
            }
            return 0;
        } catch (Exception e) {
            System.err.println("Sync failed: " + StartupErrors.explain(e));
            return 1;
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
    }

    private static boolean setting(CamelContext camel, String key) {
        return camel.getPropertiesComponent().resolveProperty(key).map(Boolean::parseBoolean).orElse(false);
    }

    int exitCode() {
        return exitCode;
    }
}
