package io.github.luccaprovisioning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the log goes, chosen before Camel starts from the flags and the settings. */
class LogOutputTest {

    private static final StartupSettings WITH_FILE = settings(Map.of(), Map.of("logging.file", " logs/run.log "));

    @TempDir
    Path folder;

    @Test
    void aRunOnceWritesTheFileAndKeepsTheConsoleQuietUnlessVerbose() {
        assertThat(LogOutput.of(CommandLine.parse(new String[]{"--once"}), WITH_FILE)).isEqualTo(new LogOutput("logs/run.log", true));
        assertThat(LogOutput.of(CommandLine.parse(new String[]{"--once", "--verbose"}), WITH_FILE))
                .isEqualTo(new LogOutput("logs/run.log", false));
        assertThat(LogOutput.of(CommandLine.parse(new String[0]), settings(Map.of(), Map.of("logging.file", "x.log", "sync.run-once", "true"))))
                .as("the setting alone").isEqualTo(new LogOutput("x.log", true));
    }

    @Test
    void withoutALogFileAndForEverythingButARunOnceTheConsoleHasItAll() {
        LogOutput console = new LogOutput(null, false);
        assertThat(LogOutput.of(CommandLine.parse(new String[]{"--once"}), settings(Map.of("LOGGING_FILE", ""), Map.of("logging.file", "x.log"))))
                .as("the container image's LOGGING_FILE=").isEqualTo(console);
        for (String[] args : new String[][]{{}, {"--check"}, {"--preview", "3"}, {"--once", "--preview-employee", "00412"}}) {
            assertThat(LogOutput.of(CommandLine.parse(args), WITH_FILE)).as(String.join(" ", args)).isEqualTo(console);
        }
    }

    @Test
    void aSettingComesFromTheEnvironmentThenTheOverridesThenTheFilesInTheirOrder() throws IOException {
        Files.writeString(folder.resolve("application-p.properties"), "a = profile\n");
        Files.writeString(folder.resolve("application.properties"), "a = base\nb = base\nc = base\n");
        String locations = "file:" + folder.resolve("application-p.properties") + ";optional=true,file:" + folder.resolve("missing")
                + ";optional=true,file:" + folder.resolve("application.properties") + ";optional=true,classpath:application.properties;optional=true";

        StartupSettings settings = StartupSettings.read(locations, Map.of("C_D", "env"), Map.of("b", "override", "c-d", "override"));

        assertThat(settings.get("a")).isEqualTo("profile");
        assertThat(settings.get("b")).isEqualTo("override");
        assertThat(settings.get("c-d")).isEqualTo("env");
        assertThat(settings.get("c")).isEqualTo("base");
        assertThat(settings.get("logging.file")).as("the jar's copy").isEqualTo("logs/lucca-provisioning.log");
        assertThat(settings.get("nowhere")).isNull();
    }

    private static StartupSettings settings(Map<String, String> environment, Map<String, String> overrides) {
        return StartupSettings.read("file:none.properties;optional=true", environment, overrides);
    }
}
