package io.github.luccaprovisioning;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process's own flags. Each one stands for a setting ({@code --once} for {@code sync.run-once=true}) and is
 * applied as one, and it also holds on its own: Camel lets an environment variable win over any setting, so
 * SYNC_DRY_RUN=false left in a shell must not turn {@code --dry-run} into a real run.
 */
record CommandLine(boolean help, String profile, Map<String, String> settings) {

    boolean once() {
        return settings.containsKey("sync.run-once");
    }

    boolean dryRun() {
        return settings.containsKey("sync.dry-run");
    }

    boolean approveDeactivations() {
        return settings.containsKey("sync.approve-deactivations");
    }

    static CommandLine parse(String[] args) {
        boolean help = false;
        String profile = null;
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.equals("--once")) {
                settings.put("sync.run-once", "true");
            } else if (arg.equals("--dry-run")) {
                settings.put("sync.dry-run", "true");
            } else if (arg.equals("--approve-deactivations")) {
                settings.put("sync.approve-deactivations", "true");
            } else if (arg.startsWith("--profile=")) {
                profile = arg.substring("--profile=".length());
            } else if (arg.equals("--profile")) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--profile needs a name, for example --profile sandbox");
                }
                profile = args[++i];
            } else {
                throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
        if (profile != null && !profile.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("A profile name is lower-case letters, digits and dashes, not '" + profile + "'");
        }
        return new CommandLine(help, profile, settings);
    }
}
