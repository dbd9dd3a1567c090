package io.github.luccaprovisioning.karaf.commands;

import io.github.luccaprovisioning.check.ConnectionReport;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** lucca:check: the --check report: do the Lucca key and the target token work, and what to fix. */
@Command(scope = "lucca", name = "check", description = "Checks the Lucca key and the target token and says what to fix")
@Service
public class CheckCommand extends ProvisioningCommand {

    @Override
    protected Object run() {
        ConnectionReport report = camel().createProducerTemplate()
                .requestBody("direct:check-connections", null, ConnectionReport.class);
        System.out.print(report.getText());
        return null;
    }
}
