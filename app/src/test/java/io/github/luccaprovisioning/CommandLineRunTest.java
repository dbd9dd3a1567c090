package io.github.luccaprovisioning;

import io.github.luccaprovisioning.fakes.FakeLuccaApi;
import io.github.luccaprovisioning.fakes.FakeLuccaV5Api;
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
    void checkShowsTheDeprecationAndSunsetOfV3() {
        ConsoleCapture quiet = ConsoleCapture.run(settings(), "--check");
        lucca.announceDeprecation("@1767225600", "Wed, 30 Jun 2027 23:59:59 GMT");
        ConsoleCapture announced = ConsoleCapture.run(settings(), "--check");

        assertThat(quiet.out()).contains("[ok]      Lucca: no Deprecation or Sunset header on its answer");
        assertThat(announced.exitCode()).isZero();
        assertThat(announced.out()).contains("[warning] Lucca marks the API this sync reads as deprecated (Deprecation: "
                + "@1767225600), to be turned off on Wed, 30 Jun 2027 23:59:59 GMT: plan the move to its successor");
    }

    private static final String V5_CLIENT = "cli-client";
    private static final String V5_SECRET = "cli-client-secret-73ab";

    private Map<String, String> v5Settings(FakeLuccaV5Api v5, String secret) {
        Map<String, String> settings = settings();
        settings.put("lucca.api", "v5");
        settings.put("lucca.base-url", v5.baseUrl());
        settings.put("lucca.token-url", v5.tokenUrl());
        settings.put("lucca.client-id", V5_CLIENT);
        settings.put("lucca.client-secret", secret);
        return settings;
    }

    @Test
    void checkWithV5ReportsTheOAuthClientItsScopesTheCountTheApiVersionAndTheDeprecation() throws Exception {
        try (FakeLuccaV5Api v5 = new FakeLuccaV5Api(V5_CLIENT, V5_SECRET)) {
            v5.put("e-1", "Ana", "Lima", "active", "2022-01-03", null, null);
            v5.put("e-2", "Bo", "Berg", "upcoming", "2099-01-03", null, null);
            v5.put("e-3", "Cy", "Gone", "deactivated", "2019-01-01", "2020-06-30", null);
            v5.grantOnly("employees.readonly", "employments.readonly", "job-positions.readonly", "departments.readonly");
            v5.announceDeprecation(null, "Wed, 30 Jun 2027 23:59:59 GMT");

            ConsoleCapture run = ConsoleCapture.run(v5Settings(v5, V5_SECRET), "--check");

            assertThat(run.exitCode()).as(run.out()).isZero();
            assertThat(run.out()).contains("[ok]      Lucca token endpoint at " + v5.tokenUrl() + ": a token for the OAuth "
                            + "client cli-client (scopes asked: employees.readonly employments.readonly job-positions.readonly "
                            + "departments.readonly legal-entities.readonly; granted: employees.readonly employments.readonly "
                            + "job-positions.readonly departments.readonly)")
                    .contains("[warning] Lucca did not grant the OAuth client cli-client legal-entities.readonly: give its "
                            + "client app these scopes")
                    .contains("[ok]      Lucca at " + v5.baseUrl() + ": the OAuth token works (Lucca API v5, Api-Version "
                            + "2024-11-01), 3 employees with the former ones")
                    .contains("[warning] Lucca marks the API this sync reads as deprecated, to be turned off on Wed, 30 Jun 2027")
                    .contains("[ok]      Target at " + target.scimBaseUrl() + "/Users: the token works")
                    .doesNotContain(V5_SECRET).doesNotContain("token-1");
            assertThat(v5.requests("/lucca-api/employees")).singleElement()
                    .satisfies(request -> assertThat(request.query()).contains("include=totalCount", "limit=1"));
            assertThat(lucca.requests()).as("the v3 API is not asked").isEmpty();
            assertThat(target.users()).isEmpty();
        }
    }

    @Test
    void checkWithV5NamesTheClientTheTokenEndpointRefusedAndNeverTheSecret() throws Exception {
        String wrongSecret = "wrong-secret-9c2d";
        try (FakeLuccaV5Api v5 = new FakeLuccaV5Api(V5_CLIENT, V5_SECRET)) {
            ConsoleCapture refused = ConsoleCapture.run(v5Settings(v5, wrongSecret), "--check");

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.out()).contains("[FAILED]  Lucca token endpoint at " + v5.tokenUrl() + " for the OAuth client "
                    + "cli-client: Lucca's token endpoint refused the client credentials (HTTP 401): check lucca.client-id")
                    .contains("[ok]      Target at " + target.scimBaseUrl() + "/Users: the token works");
            assertThat(refused.out() + refused.err()).doesNotContain(wrongSecret);
            assertThat(v5.requests("/lucca-api/employees")).isEmpty();

            Map<String, String> unreachable = v5Settings(v5, V5_SECRET);
            unreachable.put("lucca.token-url", "http://127.0.0.1:1/connect/token");
            assertThat(ConsoleCapture.run(unreachable, "--check").out()).containsPattern("\\[FAILED]  Lucca token endpoint at "
                    + "http://127.0.0.1:1/connect/token for the OAuth client cli-client: cannot reach the server: .*Check lucca.token-url");
        }
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
