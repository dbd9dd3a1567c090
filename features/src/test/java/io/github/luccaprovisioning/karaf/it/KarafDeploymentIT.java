package io.github.luccaprovisioning.karaf.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.luccaprovisioning.LuccaUsers;
import io.github.luccaprovisioning.fakes.FakeLuccaApi;
import io.github.luccaprovisioning.fakes.FakeScimTarget;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Karaf feature in a real Karaf 4.4.8, <strong>with stand-in Camel 4.18.0 bundles</strong>: the Maven Central we
 * reach serves no Camel Karaf 4.18 bundles, so {@link StandInCamelKaraf} wraps the upstream Camel 4.18.0 jars as
 * bundles the way Camel Karaf builds its own. Tested on Karaf 4.4.8 with stand-in Camel 4.18.0 bundles; built for
 * Camel Karaf 4.18.x. The fakes of Lucca and of the SCIM target and the SMTP server run in this test's JVM; Karaf
 * reads every artifact from local folders.
 */
@Timeout(600)
class KarafDeploymentIT {

    private static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    private static final String LUCCA_KEY = "karaf-lucca-key";
    private static final String TARGET_TOKEN = "karaf-target-token";
    private static final String ADMIN_TOKEN = "karaf-admin-token";
    private static final String STARTED = "lucca-provisioning started in Karaf";
    private static final int EMPLOYEES = 12;
    /** What Declarative Services logs when the routes could not start. */
    private static final Pattern FAILED_START = Pattern.compile("ProvisioningBundle.*The activate method has thrown an exception");

    @Test
    void theFeatureInstallsThenSyncsKeepsItsStateAcrossRestartsAndFollowsTheCfg() throws Exception {
        Path work = Path.of("target", "karaf-it").toAbsolutePath();
        int adminPort = KarafServer.freePort();
        int managementPort = KarafServer.freePort();
        StandInCamelKaraf.Result camel = StandInCamelKaraf.fromSystemProperties().build().buildInto(work.resolve("standin-repo"));
        Path product = ProductRepository.layOut(work.resolve("product-repo"), VERSION);
        List<ObjectNode> directory = LuccaUsers.employees(EMPLOYEES);
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (FakeLuccaApi lucca = new FakeLuccaApi(LUCCA_KEY, directory);
             FakeScimTarget target = new FakeScimTarget(TARGET_TOKEN, null);
             KarafServer karaf = KarafServer.builder(work.resolve("karaf"))
                     .mavenRepository(camel.repository())
                     .mavenRepository(product)
                     .mavenRepository(KarafServer.localMavenRepository())
                     // secrets come from the environment, as with the jar
                     .env("LUCCA_API_KEY", LUCCA_KEY)
                     .env("TARGET_TOKEN", TARGET_TOKEN)
                     .env("ADMIN_TOKEN", ADMIN_TOKEN)
                     .start()) {
            karaf.exec("feature:repo-add mvn:io.github.luccaprovisioning/lucca-provisioning-features/" + VERSION + "/xml/features");
            karaf.exec(Duration.ofMinutes(5), "feature:install lucca-provisioning");
            assertThat(karaf.console("lucca:sync")).as("before any .cfg").contains("lucca-provisioning is not running");

            Path cfg = karaf.home().resolve("etc/io.github.luccaprovisioning.cfg");
            Files.writeString(cfg, String.join("\n",
                    "lucca.base-url = " + lucca.baseUrl(),
                    "lucca.retry-delay-ms = 10",
                    "target.base-url = " + target.scimBaseUrl(),
                    "target.retry-delay-ms = 10",
                    "mail.host = 127.0.0.1",
                    "mail.port = " + smtp.getSmtp().getPort(),
                    "mail.to = owner@example.com",
                    // the schedule stays out of the way of the runs the test starts
                    "sync.cron = 0 0 6 1 1 ? 2099",
                    "camel.main.shutdown-timeout = 5",
                    "admin.host = 127.0.0.1",
                    "admin.port = " + adminPort,
                    "admin.management-port = " + managementPort, ""));
            awaitLogCount(karaf, STARTED, 1);

            String first = karaf.console("lucca:sync");
            assertThat(first).contains("Lucca sync #1 (manual): completed").contains("created").doesNotContain("Error");
            assertThat(target.users()).hasSize(EMPLOYEES).allMatch(user -> user.path("active").asBoolean());
            assertThat(target.users().stream().map(user -> user.path("externalId").asText()).distinct()).hasSize(EMPLOYEES);
            assertThat(smtp.waitForIncomingEmail(30_000, 1)).as("the run summary mail").isTrue();
            assertThat(recipients(smtp.getReceivedMessages()[0])).contains("owner@example.com");
            assertThat(smtp.getReceivedMessages()[0].getSubject()).contains("Lucca sync #1");

            // a run reads the target's capabilities (/ServiceProviderConfig) once; with nothing changed, that is all
            long calls = target.requestCount();
            long writes = target.writeCount();
            assertThat(karaf.console("lucca:sync")).contains("Lucca sync #2 (manual): completed");
            assertThat(target.requestCount()).as("nothing changed: one capabilities read").isEqualTo(calls + 1);
            assertThat(target.writeCount()).as("nothing changed: nothing written").isEqualTo(writes);

            karaf.exec("bundle:restart io.github.luccaprovisioning");
            awaitLogCount(karaf, STARTED, 2);
            assertThat(karaf.console("lucca:sync")).as("the state survived the restart").contains("Lucca sync #3 (manual): completed");
            assertThat(target.requestCount()).isEqualTo(calls + 2);
            assertThat(target.writeCount()).isEqualTo(writes);

            String history = karaf.console("lucca:history");
            // Run | Trigger | Dry run | Status | Started | Finished | created | linked | updated | ... | unchanged
            assertThat(historyRow(history, 1)).startsWith("1", "manual", "", "COMPLETED").element(6).isEqualTo(String.valueOf(EMPLOYEES));
            assertThat(historyRow(history, 3)).startsWith("3", "manual", "", "COMPLETED").element(11).isEqualTo(String.valueOf(EMPLOYEES));

            // a changed .cfg restarts the routes with the new settings, without restarting Karaf
            Files.writeString(cfg, Files.readString(cfg).replace("mail.to = owner@example.com", "mail.to = new-owner@example.com"));
            awaitLogCount(karaf, STARTED, 3);
            assertThat(karaf.console("lucca:sync")).contains("Lucca sync #4 (manual): completed");
            assertThat(smtp.waitForIncomingEmail(30_000, 4)).isTrue();
            assertThat(recipients(smtp.getReceivedMessages()[3])).contains("new-owner@example.com");

            assertThat(karaf.console("lucca:sync --dry-run")).contains("DRY RUN").contains("Lucca sync #5 (manual): completed");

            // one run at a time: a second lucca:sync while one waits for a slow target is refused
            // two calls (look-up, create) of 8 s each: the run lasts long enough for two console calls of about a second
            target.answerAfter(8000);
            lucca.put(LuccaUsers.employee(9001, "Late", "Hire"));
            CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> karaf.console("lucca:sync"));
            awaitRunning(karaf);
            assertThat(karaf.console("lucca:sync")).contains("Sync not started").contains("already in progress");
            assertThat(slow.get(2, TimeUnit.MINUTES)).contains("Lucca sync #6 (manual): completed");
            target.answerAfter(0);
            assertThat(target.users()).hasSize(EMPLOYEES + 1);

            assertThat(karaf.console("lucca:check")).contains(lucca.baseUrl());
            assertThat(camelRoutesOverJmx(karaf)).as("Camel's MBeans, Karaf's way to watch the routes")
                    .contains("sync-directory", "run-sync", "rest-run-now");

            // the admin API, the dashboard and health, on the same embedded server as the jar's
            HttpResponse<String> runs = get("http://127.0.0.1:" + adminPort + "/api/runs", ADMIN_TOKEN);
            assertThat(runs.statusCode()).isEqualTo(200);
            assertThat(runs.body()).contains("\"total\":6");
            assertThat(get("http://127.0.0.1:" + adminPort + "/api/runs", "wrong-token").statusCode()).isEqualTo(401);
            assertThat(get("http://127.0.0.1:" + adminPort + "/", null).body()).contains("Import data now");
            HttpResponse<String> health = get("http://127.0.0.1:" + managementPort + "/observe/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("last-run");
            assertThat(Files.readString(karaf.log())).as("secrets stay out of Karaf's log")
                    .doesNotContain(LUCCA_KEY).doesNotContain(TARGET_TOKEN).doesNotContain(ADMIN_TOKEN);
        } finally {
            smtp.stop();
        }
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until lucca:history shows a run in progress. */
    private static void awaitRunning(KarafServer karaf) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!karaf.console("lucca:history -n 1").contains("RUNNING")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no run in progress:\n" + karaf.console("lucca:history"));
            }
            Thread.sleep(100);
        }
    }

    /** The ids of the routes of the lucca-provisioning context, from Karaf's JMX connector. */
    private static List<String> camelRoutesOverJmx(KarafServer karaf) throws Exception {
        Map<String, Object> login = Map.of(JMXConnector.CREDENTIALS, new String[] {"karaf", "karaf"});
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(karaf.jmxUrl()), login)) {
            MBeanServerConnection beans = jmx.getMBeanServerConnection();
            // Camel Karaf names the context <bundle symbolic name>-<context name> in JMX
            return beans.queryNames(new ObjectName("org.apache.camel:context=io.github.luccaprovisioning-lucca-provisioning,type=routes,*"), null).stream()
                    .map(route -> route.getKeyProperty("name").replace("\"", "")).toList();
        }
    }

    /** The cells of run {@code id}'s row in lucca:history's table. */
    private static List<String> historyRow(String history, long id) {
        return history.lines().map(line -> Arrays.stream(line.split("\\|")).map(String::strip).toList())
                .filter(cells -> cells.get(0).equals(String.valueOf(id))).findFirst()
                .orElseThrow(() -> new AssertionError("no run " + id + " in lucca:history:\n" + history));
    }

    private static List<String> recipients(MimeMessage mail) throws Exception {
        return Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    }

    /** Waits until karaf.log holds {@code count} lines with {@code text}: each start of the routes writes one. */
    private static void awaitLogCount(KarafServer karaf, String text, int count) throws Exception {
        Pattern line = Pattern.compile(Pattern.quote(text));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(karaf.log())) {
                String log = Files.readString(karaf.log());
                seen = (int) line.matcher(log).results().count();
                if (seen >= count) {
                    return;
                }
                if (FAILED_START.matcher(log).results().count() >= count) {
                    break;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("'" + text + "' logged " + seen + " times, not " + count + "; karaf.log ends with:\n"
                + karaf.tail(60));
    }
}
