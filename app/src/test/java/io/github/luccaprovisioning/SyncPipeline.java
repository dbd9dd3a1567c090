package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.luccaprovisioning.fakes.FakeLuccaApi;
import io.github.luccaprovisioning.fakes.FakeScimTarget;
import io.github.luccaprovisioning.sync.RunOptions;
import io.github.luccaprovisioning.sync.SyncRun;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real application (the same camel-main, YAML routes and application.properties as the command line) wired
 * to a fake Lucca API and a fake SCIM target on loopback, a GreenMail SMTP server and a database: an H2 file in a
 * folder of the test's own unless the test brings another one.
 */
final class SyncPipeline implements AutoCloseable {

    static final String LUCCA_KEY = "test-lucca-key";
    static final String TARGET_TOKEN = "test-target-token";
    static final String ADMIN_TOKEN = "test-admin-token";
    /** In a setting's value, stands for the fake target's address, known only once it runs. */
    static final String FAKE_TARGET = "{fake-target}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final FakeLuccaApi lucca;
    final FakeScimTarget target;
    final GreenMail smtp;
    private final SyncDatabase database;
    final Path reports;
    private final ProvisioningMain main;
    /** The admin API's and the management port, free ones found before the start. */
    final int adminPort;
    final int managementPort;

    /** Whether the fakes are this pipeline's own, not those of the replica it is another of. */
    private final boolean ownsFakes;

    private SyncPipeline(Path folder, FakeLuccaApi lucca, FakeScimTarget target, boolean ownsFakes, SyncDatabase database,
                         Map<String, String> extraSettings) throws IOException {
        this.lucca = lucca;
        this.target = target;
        this.ownsFakes = ownsFakes;
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        this.database = database;
        reports = folder.resolve("reports");
        adminPort = freePort();
        managementPort = freePort();
        main = LuccaProvisioning.createMain(null, settings(extraSettings));
    }

    /** Starts the application; it stays up until {@link #close()}. */
    static SyncPipeline start(Path folder, SyncDatabase database, List<ObjectNode> directory, Map<String, String> extraSettings)
            throws Exception {
        return started(new SyncPipeline(folder, new FakeLuccaApi(LUCCA_KEY, directory), new FakeScimTarget(TARGET_TOKEN, null), true,
                database, extraSettings));
    }

    /**
     * Starts another replica of {@code first}'s deployment in this JVM: the same Lucca, target and database (H2 shares
     * one file URL between the connections of one JVM), its own ports, mail server and reports.
     */
    static SyncPipeline startReplica(SyncPipeline first, Path folder, Map<String, String> extraSettings) throws Exception {
        return started(new SyncPipeline(folder, first.lucca, first.target, false, first.database, extraSettings));
    }

    private static SyncPipeline started(SyncPipeline pipeline) throws Exception {
        pipeline.main.start();
        if (pipeline.main.startFailure() != null) {
            throw pipeline.main.startFailure();
        }
        return pipeline;
    }

    static SyncPipeline start(Path folder, List<ObjectNode> directory, Map<String, String> extraSettings) throws Exception {
        return start(folder, SyncDatabase.h2File(folder), directory, extraSettings);
    }

    static SyncPipeline start(Path folder, List<ObjectNode> directory) throws Exception {
        return start(folder, directory, Map.of());
    }

    Map<String, String> settings(Map<String, String> extraSettings) {
        Map<String, String> settings = new HashMap<>();
        settings.put("lucca.base-url", lucca.baseUrl());
        settings.put("lucca.api-key", LUCCA_KEY);
        settings.put("target.base-url", target.scimBaseUrl());
        settings.put("target.token", TARGET_TOKEN);
        settings.put("target.retry-delay-ms", "10");
        settings.put("lucca.retry-delay-ms", "10");
        settings.put("lucca.max-requests-per-minute", "100000");
        settings.put("db.url", database.url());
        settings.put("db.user", database.user());
        settings.put("db.password", database.password());
        settings.put("sync.reports-dir", reports.toString());
        settings.put("mail.host", "127.0.0.1");
        settings.put("mail.port", String.valueOf(smtp.getSmtp().getPort()));
        settings.put("mail.to", "owner@example.com");
        settings.put("camel.main.shutdown-timeout", "5");
        settings.put("admin.host", "127.0.0.1");
        settings.put("admin.port", String.valueOf(adminPort));
        settings.put("admin.management-port", String.valueOf(managementPort));
        settings.put("admin.token", ADMIN_TOKEN);
        // the fake target supports Bulk; tests that count single calls keep them, BulkWritesTest turns it on
        settings.put("target.bulk", "off");
        extraSettings.forEach((key, value) -> settings.put(key, value.replace(FAKE_TARGET, target.baseUrl())));
        return settings;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs one sync, as the schedule or the command line would, and returns the finished run. */
    SyncRun sync() {
        return sync(new RunOptions(false, false));
    }

    SyncRun sync(RunOptions options) {
        return template().requestBodyAndHeaders("direct:sync-directory", null, Map.of("syncTrigger", "manual",
                "syncDryRun", options.dryRun(), "syncApproveDeactivations", options.approveDeactivations()), SyncRun.class);
    }

    CamelContext camel() {
        return main.getCamelContext();
    }

    private ProducerTemplate template() {
        return camel().createProducerTemplate();
    }

    /** Rows of a query on the application's database, each a column-name → value map. */
    List<Map<String, Object>> query(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.put(rows.getMetaData().getColumnLabel(i).toLowerCase(), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    /** A call to the admin API with the admin token; {@code body} null for none. */
    HttpResponse<String> callApi(String method, String path, String body) throws IOException, InterruptedException {
        return callApi(adminPort, method, path, body);
    }

    /** A call to the admin API on a loopback port, of this JVM or of another process, with the admin token. */
    static HttpResponse<String> callApi(int adminPort, String method, String path, String body) throws IOException, InterruptedException {
        return http(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN_TOKEN).build());
    }

    /** The details of the health check {@code name}, from /observe/health on the management port. */
    JsonNode healthDetails(String name) throws IOException, InterruptedException {
        HttpResponse<String> health = http(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/observe/health?data=true")).build());
        for (JsonNode check : JSON.readTree(health.body()).path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check.path("data");
            }
        }
        throw new AssertionError("no " + name + " check in " + health.body());
    }

    private static HttpResponse<String> http(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Runs an INSERT, UPDATE or DELETE on the application's database; returns the rows it changed. */
    int update(String sql, Object... parameters) throws SQLException {
        try (Connection db = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** Stops the application and its mail server, and leaves the fakes running for the other replicas. */
    void stopApplication() {
        main.stop();
        smtp.stop();
    }

    @Override
    public void close() {
        stopApplication();
        if (ownsFakes) {
            lucca.close();
            target.close();
        }
    }
}
