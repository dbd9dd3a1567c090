package io.github.luccaprovisioning.karaf;

import org.apache.camel.CamelContext;
import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * lucca-provisioning in Karaf: the routes/*.camel.yaml this bundle carries, in an OSGi CamelContext, with the
 * settings of {@code etc/io.github.luccaprovisioning.cfg} (ConfigAdmin PID {@value #PID}) over the defaults of
 * {@code application.properties} and {@code karaf-defaults.properties}, the environment over all of them.
 * Nothing runs until the .cfg exists; a change to it stops the routes and starts them again with the new settings
 * (Declarative Services deactivates and activates the component), as does a bundle update or restart. The state
 * is in the database, so it survives all of these.
 */
@Component(service = ProvisioningBundle.class, immediate = true, configurationPid = ProvisioningBundle.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ProvisioningBundle {

    public static final String PID = "io.github.luccaprovisioning";
    static final String DASHBOARD_COPY = "lucca-provisioning/dashboard";

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningBundle.class);

    private CamelContext camel;
    private ServiceRegistration<CamelContext> registration;

    @Activate
    void activate(BundleContext bundle, Map<String, Object> configuration) throws Exception {
        Properties settings = KarafSettings.of(bundle.getBundle().getResource("application.properties"),
                bundle.getBundle().getResource("karaf-defaults.properties"), configuration);
        copyDashboard(bundle);
        OsgiDefaultCamelContext context = new OsgiDefaultCamelContext(bundle);
        try {
            KarafSettings.applyTo(context, settings);
            PluginHelper.getRoutesLoader(context).loadRoutes(routesOf(bundle));
            KarafSettings.serve(context, settings);
            context.start();
        } catch (Exception e) {
            // a bad setting or an unreachable database: nothing half-started stays behind (Quartz, the pool)
            context.stop();
            throw e;
        }
        camel = context;
        // as Camel Karaf's own contexts are: for tools that list the contexts of the container
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("camel.context.name", context.getName());
        registration = bundle.registerService(CamelContext.class, context, properties);
        LOG.info("lucca-provisioning started in Karaf: {} routes, settings from etc/{}.cfg", context.getRoutesSize(), PID);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        if (camel != null) {
            // a run in progress is given camel.main.shutdown-timeout to finish its in-flight calls
            camel.stop();
        }
    }

    /** The Camel context the routes run in, for the lucca:* commands. */
    public CamelContext camel() {
        return camel;
    }

    /**
     * The embedded server serves the dashboard from a folder (admin.dashboard-dir): the bundle writes its own copy
     * of dashboard/ to {@value #DASHBOARD_COPY} under Karaf's data folder, the default, at every start, so an
     * updated bundle serves its own dashboard.
     */
    private static void copyDashboard(BundleContext bundle) throws IOException {
        Path folder = Path.of(System.getProperty("karaf.data", "data"), DASHBOARD_COPY);
        Files.createDirectories(folder);
        for (URL file : entries(bundle, "dashboard", "*")) {
            try (InputStream in = file.openStream()) {
                Files.copy(in, folder.resolve(Path.of(file.getPath()).getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static List<URL> entries(BundleContext bundle, String folder, String pattern) {
        Enumeration<URL> entries = bundle.getBundle().findEntries(folder, pattern, false);
        List<URL> files = entries == null ? List.of() : Collections.list(entries);
        if (files.isEmpty()) {
            throw new IllegalStateException("the bundle carries no " + folder + "/" + pattern);
        }
        return files;
    }

    // the wildcard classpath:routes/*.camel.yaml finds nothing in OSGi: the bundle's entries are listed instead
    private static List<Resource> routesOf(BundleContext bundle) throws IOException {
        List<Resource> routes = new ArrayList<>();
        for (URL file : entries(bundle, "routes", "*.camel.yaml")) {
            try (InputStream in = file.openStream()) {
                routes.add(ResourceHelper.fromBytes("bundle:" + file.getPath(), in.readAllBytes()));
            }
        }
        return routes;
    }
}
