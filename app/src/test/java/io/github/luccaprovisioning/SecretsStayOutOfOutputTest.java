package io.github.luccaprovisioning;

import io.github.luccaprovisioning.sync.SyncRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** API keys and tokens never reach the logs, the error rows or the mails, whatever goes wrong. */
class SecretsStayOutOfOutputTest {

    @TempDir
    Path folder;

    @Test
    void keysAndTokensAppearInNoLogErrorRowOrMail() throws Exception {
        List<com.fasterxml.jackson.databind.node.ObjectNode> directory = LuccaUsers.employees(3);
        directory.get(0).remove("mail");
        try (SyncPipeline pipeline = SyncPipeline.start(folder, directory)) {
            pipeline.target.failMatching(request -> "POST".equals(request.method()), 1, 400, "invalidValue", "rejected");
            pipeline.target.failMatching(request -> "POST".equals(request.method()), 5, 503, null, "down");
            SyncRun run = pipeline.sync();
            assertThat(run.countOf(io.github.luccaprovisioning.sync.decision.Outcome.FAILED)).isEqualTo(3);
            pipeline.lucca.answerWith(401);
            assertThat(pipeline.sync().isFailed()).isTrue();

            pipeline.smtp.waitForIncomingEmail(5000, 2);
            StringBuilder everything = new StringBuilder(Files.readString(Path.of("target/test.log")));
            pipeline.query("SELECT * FROM run_error").forEach(row -> everything.append(row.values()));
            pipeline.query("SELECT * FROM sync_run").forEach(row -> everything.append(row.values()));
            for (var mail : pipeline.smtp.getReceivedMessages()) {
                everything.append(mail.getSubject()).append(mail.getContent());
            }

            assertThat(everything).contains("target rejected the user: 400").contains("Lucca refused the API key")
                    .doesNotContain(SyncPipeline.LUCCA_KEY).doesNotContain(SyncPipeline.TARGET_TOKEN);
        }
    }

    @Test
    void commandLineFailuresNameTheSettingNeverItsValue() {
        ConsoleCapture run = ConsoleCapture.run(Map.of(
                "lucca.api-key", "cli-secret-key", "target.token", "cli-secret-token",
                "lucca.base-url", "http://127.0.0.1:1", "target.base-url", "http://127.0.0.1:1/scim/v2",
                "db.url", "jdbc:h2:file:" + folder.resolve("db").toAbsolutePath(),
                "sync.reports-dir", folder.resolve("reports").toString()), "--once");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out() + run.err()).doesNotContain("cli-secret-key").doesNotContain("cli-secret-token");
    }
}
