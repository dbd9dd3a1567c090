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

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningBundle.class);

    private CamelContext camel;
    private ServiceRegistration<CamelContext> registration;

    @Activate
    void activate(BundleContext bundle, Map<String, Object> configuration) throws Exception {
        Properties settings = KarafSettings.of(bundle.getBundle().getResource("application.properties"),
                bundle.getBundle().getResource("karaf-defaults.properties"), configuration);
        OsgiDefaultCamelContext context = new OsgiDefaultCamelContext(bundle);
        try {
            KarafSettings.applyTo(context, settings);
            PluginHelper.getRoutesLoader(context).loadRoutes(routesOf(bundle));
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

    // the wildcard classpath:routes/*.camel.yaml finds nothing in OSGi: the bundle's entries are listed instead
    private static List<Resource> routesOf(BundleContext bundle) throws IOException {
        Enumeration<URL> entries = bundle.getBundle().findEntries("routes", "*.camel.yaml", false);
        List<URL> files = entries == null ? List.of() : Collections.list(entries);
        if (files.isEmpty()) {
            throw new IllegalStateException("the bundle carries no routes/*.camel.yaml");
        }
        List<Resource> routes = new ArrayList<>();
        for (URL file : files) {
            try (InputStream in = file.openStream()) {
                routes.add(ResourceHelper.fromBytes("bundle:" + file.getPath(), in.readAllBytes()));
            }
        }
        return routes;
    }
}
