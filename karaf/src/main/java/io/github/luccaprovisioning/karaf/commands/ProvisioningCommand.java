package io.github.luccaprovisioning.karaf.commands;

import io.github.luccaprovisioning.karaf.ProvisioningBundle;
import org.apache.camel.CamelContext;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/** What every lucca:* command needs: the routes, once the .cfg has started them. */
abstract class ProvisioningCommand implements Action {

    @Reference(optional = true)
    ProvisioningBundle provisioning;

    @Override
    public final Object execute() throws Exception {
        if (provisioning == null || provisioning.camel() == null) {
            System.out.println("lucca-provisioning is not running: put its settings in etc/" + ProvisioningBundle.PID
                    + ".cfg (see docs/karaf.md)");
            return null;
        }
        return run();
    }

    protected CamelContext camel() {
        return provisioning.camel();
    }

    protected abstract Object run() throws Exception;
}
