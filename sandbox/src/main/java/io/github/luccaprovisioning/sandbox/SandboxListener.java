package io.github.luccaprovisioning.sandbox;

import io.github.luccaprovisioning.StartupErrors;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the {@link Sandbox} before the routes read their settings, points the settings at it, and prints what
 * the sandbox saw once Camel stopped.
 */
public final class SandboxListener extends MainListenerSupport {

    /** The settings the sandbox and its profile file choose, which an environment variable must not replace. */
    static final List<String> SANDBOX_SETTINGS = List.of("lucca.base-url", "lucca.subdomain", "lucca.api-key",
            "lucca.token-url", "lucca.client-id", "lucca.client-secret", "target.base-url", "target.token", "target.cost-centers-url", "mail.host", "mail.port", "mail.to", "db.url");

    private Sandbox sandbox;
    private String generatedAdminToken;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        Path folder = Path.of(properties.resolveProperty("sandbox.folder").orElse("target/sandbox"));
        int employees = Integer.parseInt(properties.resolveProperty("sandbox.employees").orElse("200"));
        long seed = Long.parseLong(properties.resolveProperty("sandbox.seed").orElse("42"));
        refuseEnvironmentThatWouldOverride(SANDBOX_SETTINGS);
        try {
            sandbox = Sandbox.start(folder, employees, seed, properties.resolveProperty("lucca.api").orElse("v3"));
        } catch (IOException e) {
            throw new UncheckedIOException("the sandbox could not start", e);
        }
        sandbox.settings().forEach(properties::addOverrideProperty);
        if (properties.resolveProperty("admin.token").filter(token -> !token.isBlank()).isEmpty()) {
            generatedAdminToken = Sandbox.newSecret();
            properties.addOverrideProperty("admin.token", generatedAdminToken);
        }
    }

    /** Says where the dashboard is, with the token the sandbox made up, when the process keeps running. */
    @Override
    public void afterStart(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        if (properties.resolveProperty("sync.run-once").map(Boolean::parseBoolean).orElse(false)) {
            return;
        }
        String dashboard = "http://localhost:" + properties.resolveProperty("admin.port").orElse("8080") + "/";
        String health = "http://localhost:" + properties.resolveProperty("admin.management-port").orElse("9876") + "/observe/health";
        System.out.println("Sandbox running. Dashboard: " + dashboard + (generatedAdminToken == null ? ""
                : "#token=" + generatedAdminToken + "\nAdmin API token (made up by the sandbox): " + generatedAdminToken)
                + "\nHealth: " + health + "\nStop with Ctrl+C.");
    }

    /**
     * Environment variables win over every setting in Camel, the sandbox's own included: a TARGET_BASE_URL left in
     * the shell would send the generated people to a real target, a LUCCA_TOKEN_URL would point the sandbox at a
     * real tenant's token endpoint, and a LUCCA_CLIENT_SECRET would be sent to the sandbox's fake. The sandbox does
     * not start then.
     */
    static void refuseEnvironmentThatWouldOverride(List<String> settings) {
        List<String> set = settings.stream().map(StartupErrors::environmentName).filter(name -> System.getenv(name) != null).toList();
        if (!set.isEmpty()) {
            throw new IllegalStateException("the sandbox does not run with " + String.join(", ", set)
                    + " set in the environment: they would point it at real systems, or send a real secret to its embedded "
                    + "servers. Unset them, or run without --profile sandbox");
        }
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        if (sandbox == null) {
            return;
        }
        try {
            String summaryRecipient = main.getCamelContext().getPropertiesComponent().resolveProperty("mail.to").orElse("");
            System.out.print(sandbox.report(summaryRecipient));
        } catch (IOException e) {
            System.err.println("The sandbox's mails could not be saved: " + e.getMessage());
        } finally {
            sandbox.close();
        }
    }
}
