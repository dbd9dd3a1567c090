package io.github.luccaprovisioning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command: one real sync on the embedded sandbox, then a second one that has nothing to do. */
class SandboxQuickStartTest {

    @TempDir
    Path folder;

    @Test
    void sandboxRunSyncsTheGeneratedDirectoryAndASecondRunMakesNoTargetCall() throws Exception {
        Map<String, String> settings = Map.of(
                "sandbox.folder", folder.toString(),
                "db.url", "jdbc:h2:file:" + folder.resolve("db").toAbsolutePath(),
                "sync.reports-dir", folder.resolve("reports").toString(),
                "camel.main.shutdown-timeout", "5");

        ConsoleCapture first = ConsoleCapture.run(settings, "--profile", "sandbox", "--once");

        assertThat(first.exitCode()).isZero();
        int created = count(first.out(), "created");
        assertThat(created).isGreaterThan(40);
        assertThat(count(first.out(), "SCIM target calls")).as("the sandbox's target takes SCIM Bulk requests")
                .isPositive().isLessThan(created / 10);
        assertThat(count(first.out(), "linked to an existing account")).as("the account made by hand").isEqualTo(1);
        assertThat(count(first.out(), "reactivated")).as("the rehire's old account").isEqualTo(1);
        assertThat(count(first.out(), "deactivated")).as("the leaver's forgotten account").isEqualTo(1);
        assertThat(count(first.out(), "not started yet")).isPositive();
        int accounts = count(first.out(), "accounts in the SCIM target");
        assertThat(accounts).isEqualTo(created + 3);
        assertThat(count(first.out(), "failed")).as("the sandbox's data-entry mistakes").isEqualTo(2);
        assertThat(count(first.out(), "mails received")).as("the run summary and a welcome per account created").isEqualTo(created + 1);
        Matcher summaryMail = Pattern.compile("run summary mail\\s+(\\S+)").matcher(first.out());
        assertThat(summaryMail.find()).isTrue();
        assertThat(Files.readString(Path.of(summaryMail.group(1)))).contains("Subject: Lucca sync #1 completed with errors");
        assertThat(first.out()).containsPattern("Error file: \\S+run-1-errors.csv");
        assertThat(folder.resolve("reports/run-1-errors.csv")).exists();
        assertThat(folder.resolve("reports/run-1-errors.xlsx")).exists();

        ConsoleCapture second = ConsoleCapture.run(settings, "--profile", "sandbox", "--once");

        assertThat(second.exitCode()).isZero();
        assertThat(count(second.out(), "SCIM target calls")).as("its capabilities read (/ServiceProviderConfig), nothing written")
                .isEqualTo(1);
        assertThat(count(second.out(), "unchanged")).isEqualTo(
                count(first.out(), "read from Lucca") - count(first.out(), "not started yet") - count(first.out(), "failed"));
        assertThat(count(second.out(), "accounts in the SCIM target")).isEqualTo(accounts);
    }

    private static int count(String output, String label) {
        Matcher line = Pattern.compile("(?m)^\\s+" + Pattern.quote(label) + "\\s+(\\d+)").matcher(output);
        assertThat(line.find()).as("a '%s' line in:%n%s", label, output).isTrue();
        return Integer.parseInt(line.group(1));
    }
}
