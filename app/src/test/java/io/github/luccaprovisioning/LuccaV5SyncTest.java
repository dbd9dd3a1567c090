package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.fakes.FakeLuccaV5Api;
import io.github.luccaprovisioning.mapping.ScimUserMapper;
import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.decision.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** lucca.api=v5 end to end: the real Main and routes against Lucca API v5 on loopback. */
class LuccaV5SyncTest {

    private static final String CLIENT_ID = "test-client";
    private static final String CLIENT_SECRET = "test-client-secret-5f1e";
    static final String ACTIVE = "active";

    @TempDir
    Path folder;

    private static String daysFromToday(int days) {
        return LocalDate.now().plusDays(days).toString();
    }

    static Map<String, String> v5Settings(FakeLuccaV5Api lucca, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(more);
        settings.put("lucca.api", "v5");
        settings.put("lucca.api-key", "");
        settings.put("lucca.base-url", lucca.baseUrl());
        settings.put("lucca.token-url", lucca.tokenUrl());
        settings.put("lucca.client-id", CLIENT_ID);
        settings.putIfAbsent("lucca.client-secret", CLIENT_SECRET);
        settings.put("lucca.page-size", "2");
        return settings;
    }

    private SyncPipeline start(FakeLuccaV5Api lucca) throws Exception {
        return start(lucca, Map.of());
    }

    private SyncPipeline start(FakeLuccaV5Api lucca, Map<String, String> more) throws Exception {
        return SyncPipeline.start(folder, List.of(), v5Settings(lucca, more));
    }

    static FakeLuccaV5Api fiveEmployees() throws Exception {
        FakeLuccaV5Api lucca = new FakeLuccaV5Api(CLIENT_ID, CLIENT_SECRET);
        lucca.limitNamesPages(1);
        lucca.put("1001", "First0", "Last0", ACTIVE, "2021-03-15", null, null);
        lucca.put("1002", "First1", "Last1", ACTIVE, "2021-03-15", null, "1001");
        lucca.put("1003", "First2", "Last2", ACTIVE, "2021-03-15", null, "1001");
        lucca.put("1004", "First3", "Last3", ACTIVE, "2021-03-15", null, null);
        lucca.put("1005", "First4", "Last4", ACTIVE, "2021-03-15", null, null);
        return lucca;
    }

    @Test
    void readsEveryCursorPageWithOneTokenAndTheApiVersion() throws Exception {
        try (FakeLuccaV5Api lucca = fiveEmployees(); SyncPipeline pipeline = start(lucca)) {
            SyncRun run = pipeline.sync();

            assertThat(run.isFailed()).isFalse();
            assertThat(run.countOf(Outcome.CREATED)).isEqualTo(5);
            assertThat(pipeline.target.users()).hasSize(5);
            assertThat(lucca.requests("/lucca-api/employees")).hasSize(3).allSatisfy(request -> {
                assertThat(request.authorization()).isEqualTo("Bearer token-1");
                assertThat(request.apiVersion()).isEqualTo("2024-11-01");
            });
            assertThat(lucca.requests("/lucca-api/employees").get(0).query())
                    .contains("include=embedded,links,totalCount", "status=active,upcoming,deactivated", "limit=2");
            assertThat(lucca.requests("/lucca-api/employees").get(1).query()).contains("page=!");
            assertThat(lucca.requests("/lucca-api/departments")).as("one name a page (limitNamesPages)").hasSize(2);
            assertThat(lucca.requests("/lucca-api/legal-entities")).hasSize(1);
            assertThat(lucca.requests("/connect/token")).singleElement().satisfies(token -> assertThat(token.body())
                    .contains("grant_type=client_credentials", "client_id=test-client", "scope=employees.readonly+"));
            JsonNode member = pipeline.target.userByExternalId("1002");
            assertThat(member.toString()).contains("first1.last1@acme.example", "Sales", "Acme France SAS");
            assertThat(member.path(ScimUserMapper.ENTERPRISE_SCHEMA).path("manager").path("value").asText())
                    .isEqualTo(pipeline.target.userByExternalId("1001").get("id").asText());

            pipeline.sync();
            assertThat(lucca.tokensIssued()).as("the token is kept until shortly before it expires").isEqualTo(1);
            assertThat(Files.readString(Path.of("target/test.log"))).contains("Lucca v5: 5 employees in 3 pages");
            assertThat(lucca.requests("/lucca-api/departments")).as("names read once per run").hasSize(4);
        }
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndTheCallAskedAgain() throws Exception {
        try (FakeLuccaV5Api lucca = fiveEmployees(); SyncPipeline pipeline = start(lucca)) {
            pipeline.sync();
            lucca.expireTokens();

            SyncRun run = pipeline.sync();

            assertThat(run.isFailed()).isFalse();
            assertThat(lucca.tokensIssued()).isEqualTo(2);
            assertThat(run.countOf(Outcome.UNCHANGED)).isEqualTo(5);
        }
    }

    @Test
    void aShortLivedTokenIsRenewedBeforeItExpires() throws Exception {
        try (FakeLuccaV5Api lucca = fiveEmployees(); SyncPipeline pipeline = start(lucca)) {
            // renewed when less than half of its life is left: every call of the run asks for a new one
            lucca.issueTokensFor(0);
            pipeline.sync();
            assertThat(lucca.tokensIssued()).isEqualTo(lucca.requests().size() - lucca.tokensIssued());
        }
    }

    @Test
    void aThrottledPageIsAskedAgainAfterItsRetryAfter() throws Exception {
        try (FakeLuccaV5Api lucca = fiveEmployees(); SyncPipeline pipeline = start(lucca)) {
            lucca.throttleNext(2, "0");

            SyncRun run = pipeline.sync();

            assertThat(run.isFailed()).isFalse();
            assertThat(pipeline.target.users()).hasSize(5);
        }
    }

    @Test
    void aMissingPageDeactivatesNobody() throws Exception {
        try (FakeLuccaV5Api lucca = fiveEmployees(); SyncPipeline pipeline = start(lucca)) {
            pipeline.sync();
            lucca.remove("1004");
            lucca.loseLastPage(true);

            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.DEACTIVATED)).isZero();
            assertThat(pipeline.target.users()).allSatisfy(user -> assertThat(user.path("active").asBoolean()).isTrue());
        }
    }

    @Test
    void deactivatedPeopleAreDeactivatedAndUpcomingOnesWait() throws Exception {
        try (FakeLuccaV5Api lucca = fiveEmployees(); SyncPipeline pipeline = start(lucca, Map.of("sync.days-before-start", "7"))) {
            lucca.put("1006", "Future", "Hire", "upcoming", daysFromToday(30), null, null);
            lucca.put("1007", "Gone", "Long", "deactivated", "2019-01-01", "2020-06-30", null);
            pipeline.sync();
            assertThat(pipeline.target.userByExternalId("1006")).as("starts in 30 days").isNull();
            assertThat(pipeline.target.userByExternalId("1007")).as("left before the first run").isNull();

            lucca.put("1004", "First3", "Last3", "deactivated", "2021-03-15", daysFromToday(-1), null);
            lucca.put("1006", "Future", "Hire", "upcoming", daysFromToday(3), null, null);
            SyncRun run = pipeline.sync();

            assertThat(run.countOf(Outcome.DEACTIVATED)).isEqualTo(1);
            assertThat(pipeline.target.userByExternalId("1004").path("active").asBoolean()).isFalse();
            assertThat(pipeline.target.userByExternalId("1006")).as("within sync.days-before-start").isNotNull();
        }
    }

    @Test
    void stringIdsAreKeptAsLuccaGivesThem() throws Exception {
        try (FakeLuccaV5Api lucca = new FakeLuccaV5Api(CLIENT_ID, CLIENT_SECRET); SyncPipeline pipeline = start(lucca)) {
            lucca.put("e-7Kq2", "Ana", "Lima", ACTIVE, "2022-01-03", null, null);
            lucca.put("1001", "First0", "Last0", ACTIVE, "2021-03-15", null, "e-7Kq2");
            pipeline.sync();

            assertThat(pipeline.query("SELECT lucca_id FROM synced_employee ORDER BY lucca_id"))
                    .extracting(row -> row.get("lucca_id")).containsExactly("1001", "e-7Kq2");
            assertThat(pipeline.target.userByExternalId("1001").path(ScimUserMapper.ENTERPRISE_SCHEMA).path("manager").path("value").asText())
                    .as("the manager, by the job position's string id").isEqualTo(pipeline.target.userByExternalId("e-7Kq2").get("id").asText());
        }
    }

    @Test
    void theSamePersonMakesTheSamePayloadFromV3OrV5() throws Exception {
        ObjectNode v3 = LuccaUsers.employee(1001, "First0", "Last0");
        JsonNode fromV3;
        try (SyncPipeline pipeline = SyncPipeline.start(folder.resolve("v3"), List.of(v3))) {
            pipeline.sync();
            fromV3 = withoutTargetFields(pipeline.target.requests("POST").get(0).body());
        }
        try (FakeLuccaV5Api lucca = new FakeLuccaV5Api(CLIENT_ID, CLIENT_SECRET);
             SyncPipeline pipeline = SyncPipeline.start(folder.resolve("v5"), List.of(), v5Settings(lucca, Map.of()))) {
            lucca.put("1001", "First0", "Last0", ACTIVE, "2021-03-15", null, null);
            pipeline.sync();
            assertThat(withoutTargetFields(pipeline.target.requests("POST").get(0).body())).isEqualTo(fromV3);
        }
    }

    /** The request as sent: the fake target keeps the account's id and meta in the same object. */
    private static JsonNode withoutTargetFields(JsonNode body) {
        ObjectNode sent = body.deepCopy();
        sent.remove(List.of("id", "meta"));
        return sent;
    }

    @Test
    void deprecationAndSunsetAreLoggedOncePerRunAndMailed() throws Exception {
        try (FakeLuccaV5Api lucca = fiveEmployees(); SyncPipeline pipeline = start(lucca, Map.of("mail.when", "always"))) {
            lucca.announceDeprecation("@1767225600", "Wed, 30 Jun 2027 23:59:59 GMT");
            pipeline.sync();

            String notice = "Lucca marks the API this sync reads as deprecated (Deprecation: @1767225600), to be turned off on"
                    + " Wed, 30 Jun 2027 23:59:59 GMT";
            String log = Files.readString(Path.of("target/test.log"));
            assertThat(log.split(java.util.regex.Pattern.quote(notice), -1)).as("once, for 6 answers").hasSize(2);
            pipeline.smtp.waitForIncomingEmail(5000, 1);
            assertThat(Mails.of(pipeline.smtp.getReceivedMessages()[0]).html()).contains(notice);
        }
    }

    @Test
    void theClientSecretAndTokensStayOutOfTheLog() throws Exception {
        try (FakeLuccaV5Api lucca = fiveEmployees(); SyncPipeline pipeline = start(lucca)) {
            pipeline.sync();
            lucca.expireTokens();
            pipeline.sync();
        }
        assertThat(Files.readString(Path.of("target/test.log"))).doesNotContain(CLIENT_SECRET).doesNotContain("token-1");
    }

    @Test
    void refusedClientCredentialsFailTheRunWithWhatToFixAndNoSecret() throws Exception {
        String wrongSecret = "wrong-secret-9c2d";
        try (FakeLuccaV5Api lucca = fiveEmployees();
             SyncPipeline pipeline = start(lucca, Map.of("lucca.client-secret", wrongSecret, "mail.when", "always"))) {
            SyncRun run = pipeline.sync();

            assertThat(run.isFailed()).isTrue();
            assertThat(run.getFailureReason()).contains("refused the client credentials", "LUCCA_CLIENT_SECRET");
            assertThat(pipeline.target.users()).isEmpty();
            pipeline.smtp.waitForIncomingEmail(5000, 1);
            StringBuilder everything = new StringBuilder(Files.readString(Path.of("target/test.log")));
            pipeline.query("SELECT * FROM sync_run").forEach(row -> everything.append(row.values()));
            everything.append(Mails.of(pipeline.smtp.getReceivedMessages()[0]).html());
            assertThat(everything).doesNotContain(wrongSecret);
        }
    }
}
