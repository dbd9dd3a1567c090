package io.github.luccaprovisioning.karaf;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings in Karaf, and the few camel.* settings of application.properties that camel-main applies in the jar
 * and the routes rely on: the employees' thread pool, the HTTP client's timeouts and retries, the context's name and
 * shutdown timeout. The others (camel.server.*, camel.rest.*, camel.management.*, camel.metrics.*, camel.health.*)
 * configure camel-main's embedded HTTP server, which Karaf does not run: the admin API's REST routes are left out.
 */
final class KarafSettings {

    /** The REST routes of admin-api.camel.yaml: they need camel-main's embedded HTTP server. */
    static final String ROUTES_LEFT_OUT = "rest-*";

    private static final Set<String> CONFIG_ADMIN_KEYS = Set.of("service.pid", "service.factoryPid",
            "component.name", "component.id", "felix.fileinstall.filename", "service.bundleLocation");
    private static final Pattern THREAD_POOL = Pattern.compile("camel\\.threadpool\\.config\\[(\\w+)]\\.(.+)");
    private static final Pattern COMPONENT_OPTION = Pattern.compile("camel\\.component\\.([\\w-]+)\\.(.+)");

    private KarafSettings() {
    }

    /** The defaults, then the .cfg's keys over them (ConfigAdmin's own keys left out). */
    static Properties of(URL defaults, URL karafDefaults, Map<String, Object> configuration) throws IOException {
        Properties settings = new Properties();
        load(settings, defaults);
        load(settings, karafDefaults);
        configuration.forEach((key, value) -> {
            if (!CONFIG_ADMIN_KEYS.contains(key)) {
                settings.setProperty(key, String.valueOf(value));
            }
        });
        return settings;
    }

    private static void load(Properties settings, URL file) throws IOException {
        try (InputStream in = file.openStream()) {
            settings.load(in);
        }
    }

    static void applyTo(CamelContext camel, Properties settings) throws Exception {
        PropertiesComponent properties = camel.getPropertiesComponent();
        properties.setInitialProperties(settings);
        // as in the jar: an environment variable (LUCCA_API_KEY for lucca.api-key) wins over the files
        ((org.apache.camel.component.properties.PropertiesComponent) properties).setEnvironmentVariableMode(
                org.apache.camel.component.properties.PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_OVERRIDE);
        camel.getCamelContextExtension().setName(resolve(camel, "camel.main.name"));
        camel.getShutdownStrategy().setTimeout(Long.parseLong(resolve(camel, "camel.main.shutdown-timeout")));
        camel.getCamelContextExtension().getContextPlugin(Model.class).setRouteFilterPattern(null, ROUTES_LEFT_OUT);
        // the REST verbs call direct: routes that others call too; inlined, two verbs could not share one
        camel.getRestConfiguration().setInlineRoutes(Boolean.parseBoolean(resolve(camel, "camel.rest.inline-routes")));
        for (String key : settings.stringPropertyNames()) {
            Matcher pool = THREAD_POOL.matcher(key);
            Matcher option = COMPONENT_OPTION.matcher(key);
            if (pool.matches() && pool.group(2).equals("pool-size")) {
                camel.getExecutorServiceManager().registerThreadPoolProfile(threadPool(camel, pool.group(1)));
            } else if (option.matches()) {
                Component component = camel.getComponent(option.group(1));
                PropertyBindingSupport.build().withCamelContext(camel).withTarget(component)
                        .withProperty(StringHelper.dashToCamelCase(option.group(2)), resolve(camel, key)).bind();
            }
        }
    }

    private static org.apache.camel.spi.ThreadPoolProfile threadPool(CamelContext camel, String name) {
        String prefix = "camel.threadpool.config[" + name + "].";
        return new ThreadPoolProfileBuilder(name)
                .poolSize(Integer.parseInt(resolve(camel, prefix + "pool-size")))
                .maxPoolSize(Integer.parseInt(resolve(camel, prefix + "max-pool-size")))
                .maxQueueSize(Integer.parseInt(resolve(camel, prefix + "max-queue-size")))
                .build();
    }

    /** The setting's value, with the placeholders in it resolved ({{target.employees-in-parallel}}). */
    private static String resolve(CamelContext camel, String key) {
        return camel.resolvePropertyPlaceholders("{{" + key + "}}");
    }
}
