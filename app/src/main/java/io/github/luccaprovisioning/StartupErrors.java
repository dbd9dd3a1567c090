package io.github.luccaprovisioning;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One line for a process that could not start or run: the root cause, in the settings' own words. */
public final class StartupErrors {

    private static final Pattern MISSING_SETTING = Pattern.compile("Property with key \\[([^\\]]+)\\] not found");

    private StartupErrors() {
    }

    static String explain(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            Matcher missing = MISSING_SETTING.matcher(String.valueOf(cause.getMessage()));
            if (missing.find()) {
                String key = missing.group(1);
                return key + " is not set: " + (isSecret(key) ? "secrets come from the environment only, set "
                        : "set it in application.properties or the environment variable ") + environmentName(key);
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    static boolean isSecret(String key) {
        return key.endsWith("api-key") || key.endsWith("secret") || key.endsWith("token") || key.endsWith("password");
    }

    /** camel-main reads lucca.api-key from LUCCA_API_KEY: upper case, dots and dashes become underscores. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
