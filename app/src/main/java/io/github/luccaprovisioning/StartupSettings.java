package io.github.luccaprovisioning;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The settings as camel-main will read them, for what must be decided before Camel starts: where the log goes is
 * fixed when the first logger is created. First match wins, as in Camel: the environment, JVM system properties,
 * the overrides (the flags, the settings a caller passes), then the settings files in the order of their locations.
 */
final class StartupSettings {

    private final Map<String, String> environment;
    private final Map<String, String> overrides;
    private final List<Properties> files;

    private StartupSettings(Map<String, String> environment, Map<String, String> overrides, List<Properties> files) {
        this.environment = environment;
        this.overrides = overrides;
        this.files = files;
    }

    /** @param locations camel-main's property placeholder locations: file: and classpath:, each optional */
    static StartupSettings read(String locations, Map<String, String> environment, Map<String, String> overrides) {
        List<Properties> files = new ArrayList<>();
        for (String location : locations.split(",")) {
            String name = location.replace(";optional=true", "").strip();
            Properties file = new Properties();
            try (InputStream in = open(name)) {
                if (in != null) {
                    file.load(in);
                    files.add(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name, e);
            }
        }
        return new StartupSettings(environment, overrides, files);
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            return StartupSettings.class.getClassLoader().getResourceAsStream(location.substring("classpath:".length()));
        }
        Path file = Path.of(location.replaceFirst("^file:", ""));
        return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
    }

    /** Whether none of the locations was found. */
    boolean readsNoFile() {
        return files.isEmpty();
    }

    /** The value of a setting, or null when nothing sets it. */
    String get(String key) {
        String variable = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        if (environment.containsKey(variable)) {
            return environment.get(variable);
        }
        if (System.getProperty(key) != null) {
            return System.getProperty(key);
        }
        if (overrides.containsKey(key)) {
            return overrides.get(key);
        }
        for (Properties file : files) {
            if (file.containsKey(key)) {
                return file.getProperty(key);
            }
        }
        return null;
    }
}
