package io.github.luccaprovisioning;

import io.github.luccaprovisioning.fakes.FakeLuccaApi;
import io.github.luccaprovisioning.fakes.FakeScimTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar lucca-provisioning.jar --once}, as a cron job calls it: its output and its exit status. */
class CommandLineRunTest {

    @TempDir
    Path folder;

    private FakeLuccaApi lucca;
    private FakeScimTarget target;

    @BeforeEach
    void startFakes() throws Exception {
        lucca = new FakeLuccaApi("cli-key", LuccaUsers.employees(3));
        target = new FakeScimTarget("cli-token", null);
    }

    @AfterEach
    void stopFakes() {
        lucca.close();
        target.close();
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("lucca.base-url", lucca.baseUrl());
        settings.put("lucca.api-key", "cli-key");
        settings.put("target.base-url", target.scimBaseUrl());
        settings.put("target.token", "cli-token");
        settings.put("db.url", "jdbc:h2:file:" + folder.resolve("db").toAbsolutePath());
        settings.put("sync.reports-dir", folder.resolve("reports").toString());
        settings.put("camel.main.shutdown-timeout", "5");
        return settings;
    }

    @Test
    void onceRunsOneSyncPrintsTheSummaryAndExitsZero() {
        ConsoleCapture run = ConsoleCapture.run(settings(), "--once");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("completed").containsPattern("created\\s+3");
        assertThat(target.users()).hasSize(3);
    }

    @Test
    void settingRunOnceBehavesLikeTheFlag() {
        Map<String, String> settings = settings();
        settings.put("sync.run-once", "true");

        ConsoleCapture run = ConsoleCapture.run(settings);

        assertThat(run.exitCode()).isZero();
        assertThat(target.users()).hasSize(3);
    }

    @Test
    void onceExitsOneWithOneClearLineWhenLuccaRefusesTheKey() {
        Map<String, String> settings = settings();
        settings.put("lucca.api-key", "wrong-key");

        ConsoleCapture run = ConsoleCapture.run(settings, "--once");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo(
                "Sync failed: Lucca refused the API key (HTTP 401): check LUCCA_API_KEY and that the key is still active");
        assertThat(target.requests()).isEmpty();
    }

    @Test
    void onceExitsOneWhenLuccaCannotBeReached() {
        Map<String, String> settings = settings();
        settings.put("lucca.base-url", "http://127.0.0.1:1");

        ConsoleCapture run = ConsoleCapture.run(settings, "--once");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("Sync failed: cannot reach the server:").contains("127.0.0.1:1");
    }

    @Test
    void missingTargetAddressStopsTheStartNamingTheSettingAndItsVariable() {
        Map<String, String> settings = settings();
        settings.remove("target.base-url");

        ConsoleCapture run = ConsoleCapture.run(settings, "--once");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("target.base-url is not set").contains("TARGET_BASE_URL");
    }

    /** The product holds no sandbox (it is the sandbox module's jar): without it, --profile sandbox syncs nothing anywhere. */
    @Test
    void aProfileWithoutItsSettingsFileStopsTheStartAndTheSandboxIsNotInTheProduct() {
        ConsoleCapture run = ConsoleCapture.run(settings(), "--profile", "sandbox", "--once");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no application-sandbox.properties in this folder or on the class path",
                "target/lucca-provisioning-sandbox.jar");
        assertThat(lucca.requests()).isEmpty();
        assertThat(target.requests()).isEmpty();
    }

    @Test
    void subdomainOutsideLuccaIsRefusedAtStart() {
        Map<String, String> settings = settings();
        settings.put("lucca.base-url", "");
        settings.put("lucca.subdomain", "acme.example.com");

        ConsoleCapture run = ConsoleCapture.run(settings, "--once");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'acme.example.com' is not on a Lucca domain");
        assertThat(lucca.requests()).isEmpty();
    }

    @Test
    void checkSaysBothWorkAndExitsZero() {
        ConsoleCapture run = ConsoleCapture.run(settings(), "--check");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("[ok]      Lucca at " + lucca.baseUrl() + ": the API key works, 3 employees")
                .contains("[ok]      Target at " + target.scimBaseUrl() + "/Users: the token works (PATCH supported, filter supported)")
                .contains("[ok]      Target at " + target.scimBaseUrl() + "/Users: look-ups with `or` in the filter work")
                .contains("[ok]      Target at " + target.scimBaseUrl() + "/Users: lists its accounts (0): a run matches new "
                        + "employees from one listing")
                .contains("[ok]      Target at " + target.scimBaseUrl() + "/Users: SCIM Bulk supported, up to 1000 operations and "
                        + "1048576 bytes a request");
        assertThat(target.users()).isEmpty();
    }

    @Test
    void checkSaysWhenTheTargetDoesNotListItsAccounts() {
        target.refuseListing();

        ConsoleCapture run = ConsoleCapture.run(settings(), "--check");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("[ok]      Target at " + target.scimBaseUrl() + "/Users: does not list its accounts "
                + "(HTTP 403): a run looks each new employee up");
    }

    @Test
    void checkSaysWhenTheTargetHasNoBulk() {
        target.supportBulk(false);

        ConsoleCapture run = ConsoleCapture.run(settings(), "--check");

        assertThat(run.out()).contains("[ok]      Target at " + target.scimBaseUrl() + "/Users: no SCIM Bulk, one call per write");
    }

    @Test
    void checkFailsForATargetThatRefusesOrInFiltersWhenTheProfileUsesIt() {
        target.failMatching(request -> request.method().equals("GET") && request.path().equals("/Users")
                && request.query().contains("+or+"), 1, 400, "invalidFilter", "or is not supported");

        ConsoleCapture run = ConsoleCapture.run(settings(), "--check");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("[FAILED]  Target at " + target.scimBaseUrl() + "/Users: refuses `or` in filters (HTTP 400)")
                .contains("set lookup-with-or: false in a profile file of your own (mapping.file)");
    }

    @Test
    void checkReportsABadKeyARefusedTokenAndAnUnreachableTargetWithTheFix() {
        Map<String, String> settings = settings();
        settings.put("lucca.api-key", "wrong-key");
        settings.put("target.token", "wrong-token");

        ConsoleCapture refused = ConsoleCapture.run(settings, "--check");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).contains("[FAILED]  Lucca at " + lucca.baseUrl() + ": Lucca refused the API key (HTTP 401): check LUCCA_API_KEY")
                .contains("[FAILED]  Target at " + target.scimBaseUrl() + "/Users: the token was refused (HTTP 401): check TARGET_TOKEN");

        settings.put("target.base-url", "http://127.0.0.1:1/scim/v2");
        ConsoleCapture unreachable = ConsoleCapture.run(settings, "--check");

        assertThat(unreachable.out()).containsPattern("\\[FAILED]  Target at http://127.0.0.1:1/scim/v2/Users: cannot reach the server: .*Check target.base-url");
    }

    @Test
    void checkWarnsAboutAKeyThatCannotSeeFormerEmployees() {
        lucca.put(LuccaUsers.formerEmployee(1100, "Julien", "Garnier"));
        lucca.hideFormerEmployees();

        ConsoleCapture run = ConsoleCapture.run(settings(), "--check");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("[warning] Lucca: the key sees no former employees");
    }

    @Test
    void checkRefusesAHostOutsideLucca() {
        Map<String, String> settings = settings();
        settings.put("lucca.base-url", "");
        settings.put("lucca.subdomain", "https://acme.example.com/home");

        ConsoleCapture run = ConsoleCapture.run(settings, "--check");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not on a Lucca domain");
        assertThat(lucca.requests()).isEmpty();
    }

    @Test
    void previewPrintsThePayloadsOfTheFirstEmployeesAndWritesNothing() {
        ConsoleCapture run = ConsoleCapture.run(settings(), "--preview", "2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("# #1001 First0 Last0 (01001)", "\"externalId\" : \"1001\"", "\"externalId\" : \"1002\"")
                .doesNotContain("\"externalId\" : \"1003\"");
        assertThat(target.requests()).isEmpty();

        ConsoleCapture one = ConsoleCapture.run(settings(), "--preview-employee", "01003");
        assertThat(one.out()).contains("\"externalId\" : \"1003\"").doesNotContain("\"externalId\" : \"1001\"");
    }

    @Test
    void aPreviewThatCannotReadLuccaSaysWhyAndExitsOne() {
        Map<String, String> settings = settings();
        settings.put("lucca.api-key", "wrong-key");

        ConsoleCapture run = ConsoleCapture.run(settings, "--preview", "2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("Preview failed: Lucca refused the API key (HTTP 401): check LUCCA_API_KEY and that the key is still active");
    }

    @Test
    void previewFollowsTheTargetProfile() {
        lucca.user(1001).put("gender", "Female").putObject("culture").put("id", 1036);
        Map<String, String> settings = settings();
        settings.put("target.profile", "travelperk");

        ConsoleCapture travelperk = ConsoleCapture.run(settings, "--preview", "1");
        ConsoleCapture scim = ConsoleCapture.run(settings(), "--preview", "1");

        assertThat(travelperk.out()).contains("\"urn:ietf:params:scim:schemas:extension:travelperk:2.0:User\" : {\n    \"gender\" : \"F\"")
                .contains("\"preferredLanguage\" : \"fr\"");
        assertThat(scim.out()).contains("\"preferredLanguage\" : \"fr-FR\"").doesNotContain("travelperk");
    }

    @Test
    void aPageSizeLuccaWouldRefuseStopsTheStart() {
        Map<String, String> settings = settings();
        settings.put("lucca.page-size", "5000");

        ConsoleCapture run = ConsoleCapture.run(settings, "--once");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("lucca.page-size must be between 1 and 1000");
    }

    @Test
    void unknownFlagIsRefusedWithTheUsage() {
        ConsoleCapture run = ConsoleCapture.run(settings(), "--onse");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown argument: --onse").contains("Usage:");
    }
}
