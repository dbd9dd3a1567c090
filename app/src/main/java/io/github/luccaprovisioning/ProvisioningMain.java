package io.github.luccaprovisioning;

import io.github.luccaprovisioning.sync.decision.OutcomeConverters;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.converter.TypeConvertersLoader;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.util.OrderedLocationProperties;

/**
 * camel-main's {@link Main}, remembering why it could not start: {@code Main.run()} only logs that, and the
 * command line owes its caller one clear line and a non-zero exit status. A process that runs once
 * ({@code sync.run-once=true}: --once, --check, --preview) loads neither the schedule nor the admin API, and builds no
 * Quartz scheduler nor metrics registry (application.properties, beans.camel.yaml).
 */
public final class ProvisioningMain extends Main {

    /**
     * The routes only a long-running process has: the schedule, the REST routes of the admin API, whose ids all
     * start with {@code rest-} (a Karaf deployment is to leave out the same ones), and the routes only they call,
     * whose ids start with {@code api-}: a tenth of the routes, which a run once need not build. Camel's route filter
     * matches each part against the route id, exactly or with a wildcard.
     */
    static final String LONG_RUNNING_ROUTES = "sync-on-schedule,rest-*,api-*";

    private volatile Exception startFailure;

    /**
     * Without a main class, camel-main scans no package: scanning the application's for annotated classes took 3 of
     * the 7 seconds from JVM start to the first Lucca call (the routes are YAML files, listed by
     * {@code camel.main.routes-include-pattern}), and {@link OutcomeConverters} is its only annotated class, so
     * it is registered by name instead.
     */
    public ProvisioningMain() {
        super();
    }

    @Override
    protected void doInit() throws Exception {
        try {
            super.doInit();
        } catch (Exception e) {
            failedToStart(e);
            throw e;
        }
    }

    @Override
    protected void doStart() throws Exception {
        try {
            super.doStart();
        } catch (Exception e) {
            failedToStart(e);
            throw e;
        }
    }

    /**
     * Leaves the long-running routes out with Camel's route filter when the process runs once. The YAML routes
     * cannot say it themselves: the schema of Camel's YAML DSL, which Kaoto and Karavan check them with, wants a
     * boolean in {@code autoStartup} and in a rest block's {@code disabled}, not a placeholder. This step comes
     * after camel-main has read its own settings from every source (so {@code sync.run-once} resolves, whether a
     * flag, the environment or a settings file set it) and before it hands them to Camel, which loads the routes
     * next. An exclude pattern the deployment sets itself ({@code camel.main.route-filter-exclude-pattern}) is
     * kept, and added to: a listener's beforeConfigure comes earlier, and camel-main would replace what it set.
     */
    @Override
    protected void doConfigureCamelContextFromMainConfiguration(CamelContext camelContext,
            MainConfigurationProperties config, OrderedLocationProperties autoConfiguredProperties) throws Exception {
        new TypeConvertersLoader(OutcomeConverters.class).load(camelContext.getTypeConverterRegistry());
        boolean runOnce = camelContext.getPropertiesComponent().resolveProperty("sync.run-once")
                .map(Boolean::parseBoolean).orElse(false);
        if (runOnce) {
            String excluded = config.getRouteFilterExcludePattern();
            config.setRouteFilterExcludePattern(excluded == null || excluded.isBlank()
                    ? LONG_RUNNING_ROUTES : excluded + "," + LONG_RUNNING_ROUTES);
        }
        super.doConfigureCamelContextFromMainConfiguration(camelContext, config, autoConfiguredProperties);
    }

    void failedToStart(Exception e) {
        if (startFailure == null) {
            startFailure = e;
        }
    }

    /** Why the routes could not start, or null. */
    public Exception startFailure() {
        return startFailure;
    }
}
