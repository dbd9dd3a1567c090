package io.github.luccaprovisioning;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the route bundle with camel-main: the YAML routes in {@code routes/}, the settings in
 * {@code application.properties} (the file beside the process overrides the copy in the jar, the environment
 * overrides both).
 * <pre>
 *   java -jar lucca-provisioning.jar                      keep running, sync at every sync.cron
 *   java -jar lucca-provisioning.jar --once               run one sync, print the summary, exit (0 = run completed)
 *   java -jar lucca-provisioning.jar --once --verbose     the same, with the full log on the console
 *   java -jar lucca-provisioning.jar --profile sandbox    against the embedded Lucca, SCIM target and SMTP server
 * </pre>
 * A profile is a settings file, {@code application-NAME.properties}, beside the process or on the class path. The
 * sandbox's comes with its jar (the sandbox module), and names the listener that starts the embedded servers with
 * camel-main's own {@code camel.main.main-listener-classes}: this jar holds no fake.
 */
public final class LuccaProvisioning {

    static final String USAGE = """
            Usage: java -jar lucca-provisioning.jar [--once | --check | --preview N | --preview-employee NUMBER]
                                                   [--dry-run] [--approve-deactivations] [--profile sandbox] [--verbose]
              --once             run one sync, print its summary and exit: 0 when the run completed
                                 (per-employee failures included), 1 when it could not, 2 for a bad start;
                                 the full log goes to logging.file (logs/lucca-provisioning.log)
              --verbose          with --once, the full log on the console too
              --dry-run          plan and count everything, change nothing (sync.dry-run=true)
              --approve-deactivations
                                 let deactivations held by the guard through (sync.approve-deactivations=true)
              --check            check the Lucca key and the target token, say what to fix; 0 when both work
              --preview N        print the payloads of the first N employees in scope; writes nothing
              --preview-employee NUMBER
                                 print the payload of the employee with this employee number
              --profile NAME     also load application-NAME.properties; 'sandbox' starts the embedded
                                 Lucca API, SCIM target and SMTP server (lucca-provisioning-sandbox.jar,
                                 which the build writes beside this jar)
              --help             this text
            Settings come from application.properties and the environment (LUCCA_API_KEY, TARGET_TOKEN, ...).""";

    private LuccaProvisioning() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Map.of()));
    }

    /**
     * Runs like the command line does; {@code settings} take precedence over the settings files.
     *
     * @return the process exit status
     */
    public static int run(String[] args, Map<String, String> settings) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        if (commandLine.help()) {
            System.out.println(USAGE);
            return 0;
        }
        String profile = commandLine.profile();
        if (profile != null && StartupSettings.read(profileLocations(profile), Map.of(), Map.of()).readsNoFile()) {
            System.err.println("--profile " + profile + ": no application-" + profile + ".properties in this folder or on the"
                    + " class path" + ("sandbox".equals(profile) ? " (the sandbox is target/lucca-provisioning-sandbox.jar,"
                    + " which mvn package writes beside target/lucca-provisioning.jar; the container image has none)" : ""));
            return 2;
        }
        Map<String, String> overrides = new LinkedHashMap<>(commandLine.settings());
        overrides.putAll(settings);
        LogOutput log = LogOutput.of(commandLine, StartupSettings.read(locations(commandLine.profile()), System.getenv(), overrides));
        log.apply();
        ProvisioningMain main = createMain(commandLine.profile(), overrides);
        OneShotCommands commands = new OneShotCommands(commandLine, log.quietConsole());
        main.addMainListener(commands);
        try {
            main.run();
        } catch (Exception e) {
            main.failedToStart(e);
        }
        if (main.startFailure() != null) {
            System.err.println("lucca-provisioning could not start: " + StartupErrors.explain(main.startFailure()));
            return 2;
        }
        return commands.exitCode();
    }

    /** The settings files: the first location that has a key wins, the profile before the defaults, the file before the jar's copy. */
    static String locations(String profile) {
        String locations = "file:application.properties;optional=true,classpath:application.properties;optional=true";
        return profile == null ? locations : profileLocations(profile) + "," + locations;
    }

    private static String profileLocations(String profile) {
        return "file:application-" + profile + ".properties;optional=true,classpath:application-" + profile + ".properties;optional=true";
    }

    /**
     * The camel-main the command line runs; tests start the same one. The main listeners the settings name
     * ({@code camel.main.main-listener-classes}: the sandbox profile's) are handed to camel-main before it starts:
     * camel-main binds its {@code camel.main.*} settings after calling its listeners' {@code beforeConfigure}, too
     * late for a listener that sets settings the routes read.
     */
    public static ProvisioningMain createMain(String profile, Map<String, String> overrides) {
        ProvisioningMain main = new ProvisioningMain();
        main.setPropertyPlaceholderLocations(locations(profile));
        main.configure().setMainListenerClasses(StartupSettings.read(locations(profile), System.getenv(), overrides)
                .get("camel.main.main-listener-classes"));
        overrides.forEach(main::addOverrideProperty);
        return main;
    }
}
