package io.github.luccaprovisioning;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process's own flags. Each one stands for a setting ({@code --once} for {@code sync.run-once=true}) and is
 * applied as one, and it also holds on its own: Camel lets an environment variable win over any setting, so
 * SYNC_DRY_RUN=false left in a shell must not turn {@code --dry-run} into a real run.
 */
record CommandLine(boolean help, String profile, Map<String, String> settings, boolean check, Integer previewCount,
                   String previewEmployee, boolean verbose) {

    /** --check and --preview run once and exit, like --once, so they never start the schedule either. */
    boolean preview() {
        return previewCount != null || previewEmployee != null;
    }

    boolean once() {
        return settings.containsKey("sync.run-once") && !check && !preview();
    }

    boolean dryRun() {
        return settings.containsKey("sync.dry-run");
    }

    boolean approveDeactivations() {
        return settings.containsKey("sync.approve-deactivations");
    }

    static CommandLine parse(String[] args) {
        boolean help = false;
        boolean check = false;
        boolean verbose = false;
        Integer previewCount = null;
        String previewEmployee = null;
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
            } else if (arg.equals("--verbose")) {
                verbose = true;
            } else if (arg.equals("--check")) {
                check = true;
                settings.put("sync.run-once", "true");
            } else if (arg.equals("--preview")) {
                previewCount = positive(value(args, ++i, "--preview needs how many employees, for example --preview 5"));
                settings.put("sync.run-once", "true");
            } else if (arg.equals("--preview-employee")) {
                previewEmployee = value(args, ++i, "--preview-employee needs an employee number, for example --preview-employee 00412");
                settings.put("sync.run-once", "true");
            } else if (arg.startsWith("--profile=")) {
                profile = arg.substring("--profile=".length());
            } else if (arg.equals("--profile")) {
                profile = value(args, ++i, "--profile needs a name, for example --profile sandbox");
            } else {
                throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
        if (profile != null && !profile.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("A profile name is lower-case letters, digits and dashes, not '" + profile + "'");
        }
        return new CommandLine(help, profile, settings, check, previewCount, previewEmployee, verbose);
    }

    private static String value(String[] args, int index, String missing) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(missing);
        }
        return args[index];
    }

    private static int positive(String number) {
        try {
            int count = Integer.parseInt(number);
            if (count > 0) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new IllegalArgumentException("--preview needs a number of employees greater than 0, not '" + number + "'");
    }
}
