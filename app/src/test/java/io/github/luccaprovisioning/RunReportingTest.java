package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.report.ErrorFiles;
import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.decision.Outcome;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** Run history, error rows and files, summary and welcome mails, through the real routes. */
class RunReportingTest {

    @TempDir
    Path folder;

    /** The corpus of bad and unusual Lucca records; "_expect" holds the reason a bad record must get. */
    private static List<ObjectNode> badInputCorpus() throws Exception {
        try (InputStream corpus = RunReportingTest.class.getResourceAsStream("/lucca/bad-input-directory.json")) {
            List<ObjectNode> users = new ArrayList<>();
            new ObjectMapper().readTree(corpus).forEach(user -> users.add((ObjectNode) user));
            return users;
        }
    }

    @Test
    void everyBadRecordOfTheCorpusGetsOneClearRowAndEveryValidRecordSyncs() throws Exception {
        List<ObjectNode> corpus = badInputCorpus();
        try (SyncPipeline pipeline = SyncPipeline.start(folder, corpus)) {
            SyncRun run = pipeline.sync();

            Map<String, String> expected = new HashMap<>();
            List<String> valid = new ArrayList<>();
            for (ObjectNode user : corpus) {
                if (user.has("_expect")) {
                    expected.put(user.path("id").asText("?"), user.get("_expect").asText());
                } else {
                    valid.add(user.get("id").asText());
                }
            }
            assertThat(expected).hasSizeGreaterThanOrEqualTo(12);
            Map<String, String> rows = new HashMap<>();
            pipeline.query("SELECT lucca_id, reason FROM run_error WHERE severity = 'ERROR'")
                    .forEach(row -> assertThat(rows.put(String.valueOf(row.get("lucca_id") == null ? "?" : row.get("lucca_id")),
                            (String) row.get("reason"))).as("one row per record").isNull());
            assertThat(rows).isEqualTo(expected);
            assertThat(pipeline.target.users()).extracting(user -> user.path("externalId").asText())
                    .containsExactlyInAnyOrderElementsOf(valid);
            assertThat(run.countOf(Outcome.FAILED)).isEqualTo(expected.size());
            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(valid.size());

            assertThat(pipeline.query("SELECT lucca_id, step, reason FROM run_error WHERE severity = 'WARNING'")).singleElement()
                    .satisfies(row -> assertThat(row.get("lucca_id")).isEqualTo("2004"));
            ObjectNode trimmed = pipeline.target.userByExternalId("2009");
            assertThat(trimmed.path("userName").asText()).isEqualTo("jean.dupont@acme.example");
            assertThat(trimmed.path("name").path("givenName").asText()).isEqualTo("Jean");
            assertThat(pipeline.target.userByExternalId("2007").path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
                    .path("employeeNumber").asText()).isEqualTo("000123");
            assertThat(pipeline.target.userByExternalId("2005").path("displayName").asText()).isEqualTo("نور الهدى");
        }
    }

    @Test
    void theErrorFileListsEveryErrorAndWarningAsCsvWithBomAndAsXlsx() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, badInputCorpus())) {
            SyncRun run = pipeline.sync();

            Path csv = pipeline.reports.resolve("run-" + run.getId() + "-errors.csv");
            assertThat(run.getErrorFile()).isEqualTo(csv);
            byte[] bytes = Files.readAllBytes(csv);
            assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
            try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                reader.skip(1);
                List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
                assertThat(records).hasSize(run.getProblemCount());
                assertThat(records).anySatisfy(record -> {
                    assertThat(record.get("Lucca id")).isEqualTo("2102");
                    assertThat(record.get("Reason")).isEqualTo("email 'lea.roux@' is not a valid address");
                    assertThat(record.get("Step")).isEqualTo("validate");
                    assertThat(record.get("Severity")).isEqualTo("ERROR");
                });
                assertThat(records).anySatisfy(record -> {
                    assertThat(record.get("Name")).isEqualTo("Zoé Girard");
                    assertThat(record.get("Severity")).isEqualTo("WARNING");
                    assertThat(record.get("Step")).isEqualTo("manager link");
                });
            }
            try (ZipFile xlsx = new ZipFile(pipeline.reports.resolve("run-" + run.getId() + "-errors.xlsx").toFile())) {
                String sharedStrings = new String(xlsx.getInputStream(xlsx.getEntry("xl/sharedStrings.xml")).readAllBytes(), StandardCharsets.UTF_8);
                assertThat(sharedStrings).contains("email missing", "Lucca id", "Employee number");
            }
            assertThat(pipeline.query("SELECT error_file FROM sync_run WHERE id = " + run.getId())).singleElement()
                    .satisfies(row -> assertThat(row.get("error_file")).isEqualTo(csv.toString()));
            ErrorFiles byRunId = pipeline.camel().getRegistry().lookupByNameAndType("errorFiles", ErrorFiles.class);
            assertThat(byRunId.csvOf(run.getId())).contains(csv);
            assertThat(byRunId.xlsxOf(run.getId())).contains(pipeline.reports.resolve("run-" + run.getId() + "-errors.xlsx"));
            assertThat(byRunId.csvOf(run.getId() + 1)).isEmpty();
        }
    }

    @Test
    void aRunWithoutErrorsOrWarningsHasNoErrorFile() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(2))) {
            SyncRun run = pipeline.sync();

            assertThat(run.getErrorFile()).isNull();
            assertThat(pipeline.reports).doesNotExist();
        }
    }

    @Test
    void theRunHistoryRowMatchesWhatTheTargetEndedWith() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(8);
        directory.get(7).put("dtContractStart", LocalDate.now().plusDays(60) + "T00:00:00");
        try (SyncPipeline pipeline = SyncPipeline.start(folder, directory)) {
            pipeline.target.addAccount(JsonNodeFactory.instance.objectNode().put("userName", "first6.last6@acme.example"));
            pipeline.sync();
            pipeline.lucca.user(1002).put("dtContractEnd", LocalDate.now().minusDays(1) + "T00:00:00");
            pipeline.lucca.user(1003).put("jobTitle", "Buyer");

            SyncRun run = pipeline.sync();

            Map<String, Object> row = pipeline.query("SELECT * FROM sync_run WHERE id = " + run.getId()).get(0);
            assertThat(row.get("status")).isEqualTo("COMPLETED");
            assertThat(row.get("run_trigger")).isEqualTo("manual");
            assertThat(row.get("dry_run")).isEqualTo(false);
            assertThat(row.get("finished_at")).isNotNull();
            assertThat(row.get("read_count")).isEqualTo(8);
            assertThat(row.get("in_scope_count")).isEqualTo(8);
            assertThat(row.get("deactivated_count")).isEqualTo(1);
            assertThat(row.get("updated_count")).isEqualTo(1);
            assertThat(row.get("unchanged_count")).isEqualTo(5);
            assertThat(row.get("not_started_yet_count")).isEqualTo(1);

            Map<String, Object> first = pipeline.query("SELECT * FROM sync_run WHERE id = " + (run.getId() - 1)).get(0);
            long active = pipeline.target.users().stream().filter(user -> user.path("active").asBoolean()).count();
            assertThat((int) first.get("created_count") + (int) first.get("linked_count")).isEqualTo(pipeline.target.users().size());
            assertThat(active).isEqualTo((int) first.get("created_count") + (int) first.get("linked_count") - (int) row.get("deactivated_count"));
        }
    }

    @Test
    void welcomeMailsGoOnlyToMembersWhoseAccountWasCreated() throws Exception {
        Map<String, String> welcome = Map.of("sync.welcome-email", "true", "target.login-url", "https://travel.example/login");
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(3), welcome)) {
            pipeline.target.addAccount(JsonNodeFactory.instance.objectNode().put("userName", "first2.last2@acme.example"));

            pipeline.sync();

            assertThat(pipeline.smtp.waitForIncomingEmail(5000, 3)).isTrue();
            List<MimeMessage> welcomes = welcomeMails(pipeline);
            assertThat(welcomes).extracting(mail -> mail.getAllRecipients()[0].toString())
                    .containsExactlyInAnyOrder("first0.last0@acme.example", "first1.last1@acme.example");
            Mails first = Mails.of(welcomes.get(0));
            assertThat(first.html()).contains("https://travel.example/login").containsPattern("Hello First[01],");
            assertThat(first.text()).contains("https://travel.example/login");

            pipeline.lucca.user(1001).put("jobTitle", "Buyer");
            pipeline.smtp.purgeEmailFromAllMailboxes();
            pipeline.sync();

            assertThat(pipeline.smtp.waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(welcomeMails(pipeline)).as("an update sends no welcome").isEmpty();
        }
    }

    @Test
    void theSummaryMailListsHeldDeactivationsAndMarksADryRun() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(4))) {
            pipeline.sync();
            pipeline.lucca.user(1001).put("dtContractEnd", LocalDate.now().minusDays(2) + "T00:00:00");
            pipeline.lucca.user(1002).put("dtContractEnd", LocalDate.now().minusDays(2) + "T00:00:00");
            pipeline.smtp.purgeEmailFromAllMailboxes();

            pipeline.sync(new io.github.luccaprovisioning.sync.RunOptions(true, false));

            assertThat(pipeline.smtp.waitForIncomingEmail(5000, 1)).isTrue();
            MimeMessage mail = pipeline.smtp.getReceivedMessages()[0];
            assertThat(mail.getSubject()).startsWith("[DRY RUN]").endsWith("2 held for approval");
            Mails parts = Mails.of(mail);
            assertThat(parts.html()).contains("DRY RUN: nothing below was changed in the target.")
                    .contains("Deactivations held for approval")
                    .contains("#1001 First0 Last0 first0.last0@acme.example: contract ended on " + LocalDate.now().minusDays(2));
            assertThat(parts.text()).startsWith("DRY RUN").contains("2 deactivations held for approval");
        }
    }

    @Test
    void mailWhenErrorsSendsNoSummaryForAQuietRun() throws Exception {
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(2), Map.of("mail.when", "errors"))) {
            pipeline.sync();

            assertThat(pipeline.smtp.waitForIncomingEmail(1000, 1)).isFalse();
        }
    }

    @Test
    void aFailingSmtpServerDoesNotFailTheRun() throws Exception {
        Map<String, String> noMailServer = Map.of("mail.port", "1", "sync.welcome-email", "true");
        try (SyncPipeline pipeline = SyncPipeline.start(folder, LuccaUsers.employees(3), noMailServer)) {
            SyncRun run = pipeline.sync();

            assertThat(run.getStatus()).isEqualTo(SyncRun.Status.COMPLETED);
            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(3);
            assertThat(pipeline.query("SELECT status FROM sync_run")).singleElement()
                    .satisfies(row -> assertThat(row.get("status")).isEqualTo("COMPLETED"));
            pipeline.target.clearRequests();
            assertThat(pipeline.sync().countOf(Outcome.UNCHANGED)).as("a welcome mail that failed changes nothing").isEqualTo(3);
        }
    }

    private static List<MimeMessage> welcomeMails(SyncPipeline pipeline) throws Exception {
        List<MimeMessage> welcomes = new ArrayList<>();
        for (MimeMessage mail : pipeline.smtp.getReceivedMessages()) {
            if (mail.getSubject().equals("Your account is ready")) {
                welcomes.add(mail);
            }
        }
        return welcomes;
    }
}
