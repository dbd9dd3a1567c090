package io.github.luccaprovisioning.sandbox;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Starts the {@link Sandbox} before the routes read their settings, points the settings at it, and prints what
 * the sandbox saw once Camel stopped.
 */
public final class SandboxListener extends MainListenerSupport {

    private Sandbox sandbox;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        Path folder = Path.of(properties.resolveProperty("sandbox.folder").orElse("target/sandbox"));
        int employees = Integer.parseInt(properties.resolveProperty("sandbox.employees").orElse("200"));
        long seed = Long.parseLong(properties.resolveProperty("sandbox.seed").orElse("42"));
        try {
            sandbox = Sandbox.start(folder, employees, seed);
        } catch (IOException e) {
            throw new UncheckedIOException("the sandbox could not start", e);
        }
        sandbox.settings().forEach(properties::addOverrideProperty);
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        if (sandbox == null) {
            return;
        }
        try {
            System.out.print(sandbox.report());
        } catch (IOException e) {
            System.err.println("The sandbox's mails could not be saved: " + e.getMessage());
        } finally {
            sandbox.close();
        }
    }
}
