package io.github.luccaprovisioning.karaf;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.ThreadPoolProfile;
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
 * The settings in Karaf, and the camel.* settings of application.properties that camel-main applies in the jar:
 * the employees' thread pool, the HTTP client's options, the context's name and shutdown timeout, the REST DSL, the
 * embedded server of the admin API and the dashboard (camel.server.*), the management server of health
 * (camel.management.*) and the health checks' exposure (camel.health.*). Only camel.metrics.* does not apply:
 * Prometheus is not served in Karaf (camel.management.metrics-enabled is off in karaf-defaults.properties).
 */
final class KarafSettings {

    private static final Set<String> CONFIG_ADMIN_KEYS = Set.of("service.pid", "service.factoryPid",
            "component.name", "component.id", "felix.fileinstall.filename", "service.bundleLocation");
    private static final Pattern THREAD_POOL = Pattern.compile("camel\\.threadpool\\.config\\[(\\w+)]\\.pool-size");
    private static final Pattern NEGATED = Pattern.compile("\\{\\{!([^}]+)}}");
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

    /** What must be in place before the routes are loaded. */
    static void applyTo(CamelContext camel, Properties settings) {
        PropertiesComponent properties = camel.getPropertiesComponent();
        properties.setInitialProperties(settings);
        // as in the jar: an environment variable (LUCCA_API_KEY for lucca.api-key) wins over the files
        ((org.apache.camel.component.properties.PropertiesComponent) properties).setEnvironmentVariableMode(
                org.apache.camel.component.properties.PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_OVERRIDE);
        camel.getCamelContextExtension().setName(resolve(camel, settings, "camel.main.name"));
        camel.getShutdownStrategy().setTimeout(Long.parseLong(resolve(camel, settings, "camel.main.shutdown-timeout")));
        // endpoint-properties name beans (#adminResponseHeaders) the routes declare: looked up when the REST
        // endpoints are made, not now
        bind(camel, settings, "camel.rest.", camel.getRestConfiguration(), false);
        for (String key : settings.stringPropertyNames()) {
            Matcher pool = THREAD_POOL.matcher(key);
            Matcher option = COMPONENT_OPTION.matcher(key);
            if (pool.matches()) {
                camel.getExecutorServiceManager().registerThreadPoolProfile(threadPool(camel, settings, pool.group(1)));
            } else if (option.matches()) {
                bindOne(camel, camel.getComponent(option.group(1)), option.group(2), resolve(camel, settings, key), true);
            }
        }
    }

    /** What needs the routes' beans: the health checks, and the two HTTP servers that serve them. */
    static void serve(CamelContext camel, Properties settings) throws Exception {
        HealthCheckRegistry health = camel.getCamelContextExtension().getContextPlugin(HealthCheckRegistry.class);
        health.setExposureLevel(resolve(camel, settings, "camel.health.exposure-level"));
        camel.getRegistry().findByType(HealthCheck.class).forEach(health::register);

        MainConfigurationProperties main = new MainConfigurationProperties();
        HttpServerConfigurationProperties server = main.httpServer();
        HttpManagementServerConfigurationProperties management = main.httpManagementServer();
        bind(camel, settings, "camel.server.", server, true);
        bind(camel, settings, "camel.management.", management, true);
        DefaultMainHttpServerFactory servers = new DefaultMainHttpServerFactory();
        servers.setCamelContext(camel);
        if (server.isEnabled()) {
            camel.addService(servers.newHttpServer(camel, server), true, true);
        }
        if (management.isEnabled()) {
            camel.addService(servers.newHttpManagementServer(camel, management), true, true);
        }
    }

    private static void bind(CamelContext camel, Properties settings, String prefix, Object target, boolean references) {
        for (String key : settings.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                bindOne(camel, target, key.substring(prefix.length()), resolve(camel, settings, key), references);
            }
        }
    }

    private static void bindOne(CamelContext camel, Object target, String option, String value, boolean references) {
        PropertyBindingSupport.build().withCamelContext(camel).withTarget(target).withReference(references)
                .withProperty(StringHelper.dashToCamelCase(option), value).bind();
    }

    private static ThreadPoolProfile threadPool(CamelContext camel, Properties settings, String name) {
        String prefix = "camel.threadpool.config[" + name + "].";
        return new ThreadPoolProfileBuilder(name)
                .poolSize(Integer.parseInt(resolve(camel, settings, prefix + "pool-size")))
                .maxPoolSize(Integer.parseInt(resolve(camel, settings, prefix + "max-pool-size")))
                .maxQueueSize(Integer.parseInt(resolve(camel, settings, prefix + "max-queue-size")))
                .build();
    }

    /**
     * The setting's value, with the placeholders in it resolved ({{target.employees-in-parallel}}), negated ones
     * ({{!sync.run-once}}) too: camel-main reads those in its own settings, Camel's placeholder parser does not.
     */
    private static String resolve(CamelContext camel, Properties settings, String key) {
        String value = settings.getProperty(key);
        if (value == null) {
            return camel.resolvePropertyPlaceholders("{{" + key + "}}");
        }
        Matcher negated = NEGATED.matcher(value);
        String plain = negated.replaceAll(found -> String.valueOf(!Boolean.parseBoolean(resolve(camel, settings, found.group(1)))));
        return camel.resolvePropertyPlaceholders(plain);
    }
}
