package io.github.luccaprovisioning;

import io.github.luccaprovisioning.fakes.FakeLuccaApi;
import io.github.luccaprovisioning.fakes.FakeScimTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processes of the packaged jar on one database with {@code sync.cluster=true} and a schedule of every second,
 * for 20 seconds, against a fake Lucca and a fake SCIM target in this JVM: the run history must show that runs
 * never overlapped and that no scheduled time ran twice. Runs after {@code package} (failsafe).
 * <p>
 * On a throwaway PostgreSQL server (skipped without PostgreSQL's binaries, unless LUCCA_POSTGRES_TEST=required), and
 * on an H2 file in server mode ({@code AUTO_SERVER=TRUE}), which lets the two processes and this test share it.
 */
@Timeout(300)
class ClusteredScheduleIT {

    private static final String LUCCA_KEY = "cluster-lucca-key";
    private static final String TARGET_TOKEN = "cluster-target-token";
    private static final int SECONDS = 20;
    private static final Pattern RUN_STARTED = Pattern.compile("Sync #(\\d+) started \\(trigger: schedule");

    @TempDir
    Path folder;


    @Test
    void onPostgresqlTwoReplicasFireEachScheduledTimeOnceAndNeverRunTwoSyncsAtOnce() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            SyncDatabase database = postgres.createDatabase();
            twoReplicasFireEachScheduledTimeOnceAndNeverRunTwoSyncsAtOnce(database.url(), database.user(), database.password());
        }
    }

    @Test
    void onAnH2FileInServerModeTwoReplicasFireEachScheduledTimeOnceAndNeverRunTwoSyncsAtOnce() throws Exception {
        twoReplicasFireEachScheduledTimeOnceAndNeverRunTwoSyncsAtOnce(
                "jdbc:h2:file:" + folder.resolve("shared").toAbsolutePath() + ";AUTO_SERVER=TRUE", "sa", "");
    }

    private void twoReplicasFireEachScheduledTimeOnceAndNeverRunTwoSyncsAtOnce(String dbUrl, String dbUser, String dbPassword)
            throws Exception {
        try (FakeLuccaApi lucca = new FakeLuccaApi(LUCCA_KEY, LuccaUsers.employees(5));
             FakeScimTarget target = new FakeScimTarget(TARGET_TOKEN, null)) {
            Map<String, String> settings = Map.ofEntries(
                    Map.entry("lucca.base-url", lucca.baseUrl()),
                    Map.entry("lucca.api-key", LUCCA_KEY),
                    Map.entry("lucca.max-requests-per-minute", "100000"),
                    Map.entry("target.base-url", target.scimBaseUrl()),
                    Map.entry("target.token", TARGET_TOKEN),
                    Map.entry("db.url", dbUrl),
                    Map.entry("db.user", dbUser),
                    Map.entry("db.password", dbPassword),
                    Map.entry("db.pool-size", "4"),
                    Map.entry("sync.cluster", "true"),
                    Map.entry("sync.cron", "0/1 * * * * ?"),
                    Map.entry("sync.reports-dir", folder.resolve("reports").toString()),
                    Map.entry("camel.main.shutdown-timeout", "10"));
            // one after the other: the first creates the schema, as the first replica of a deployment does
            PackagedJar first = replica("first", folder, settings);
            PackagedJar second = null;
            Instant from;
            Instant to;
            List<String> clusterMembers;
            try {
                first.awaitLive();
                second = replica("second", folder, settings);
                second.awaitLive();
                from = Instant.now();
                Thread.sleep(SECONDS * 1000L);
                to = Instant.now();
                clusterMembers = schedulerInstances(dbUrl, dbUser, dbPassword);
            } finally {
                first.stop();
                if (second != null) {
                    second.stop();
                }
            }

            List<Run> runs = scheduledRuns(dbUrl, dbUser, dbPassword);
            String logs = first.name + ":\n" + first.console() + "\n" + second.name + ":\n" + second.console();
            List<Run> inWindow = runs.stream().filter(run -> !run.scheduledFor.isBefore(from) && run.scheduledFor.isBefore(to)).toList();
            Set<Instant> fireTimes = new HashSet<>();
            for (Run run : runs) {
                assertThat(fireTimes.add(run.scheduledFor)).as("scheduled time %s ran once, not twice; %s", run.scheduledFor, runs).isTrue();
            }
            for (int i = 1; i < runs.size(); i++) {
                Run before = runs.get(i - 1);
                assertThat(before.finishedAt).as("run #%d ended before the next one started", before.id).isNotNull();
                assertThat(runs.get(i).startedAt).as("run #%d starts after run #%d ended", runs.get(i).id, before.id)
                        .isAfterOrEqualTo(before.finishedAt);
            }
            assertThat(clusterMembers).as("both replicas checked in to Quartz's cluster").hasSize(2);
            assertThat(inWindow.size()).as("scheduled times of %d seconds that ran; %s", SECONDS, logs).isGreaterThanOrEqualTo(SECONDS / 2);
            assertThat(runsStarted(first) + runsStarted(second)).as("every run started on one of the two").isEqualTo(runs.size());
            System.out.printf("%d scheduled runs, %d of them for the %d seconds both replicas ran; first replica ran %d, second %d;"
                            + " fire times %s%n", runs.size(), inWindow.size(), SECONDS, runsStarted(first), runsStarted(second),
                    inWindow.stream().map(run -> run.scheduledFor.toString()).toList());
            assertThat(target.users()).hasSize(5);
        }
    }

    private static List<Run> scheduledRuns(String dbUrl, String user, String password) throws Exception {
        List<Run> runs = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(dbUrl, user, password);
             PreparedStatement select = db.prepareStatement("SELECT id, scheduled_for, started_at, finished_at FROM sync_run "
                     + "WHERE run_trigger = 'schedule' ORDER BY started_at");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                Timestamp finished = row.getTimestamp("finished_at");
                runs.add(new Run(row.getLong("id"), row.getTimestamp("scheduled_for").toInstant(),
                        row.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant()));
            }
        }
        return runs;
    }

    /** The schedulers that check in to the cluster in Quartz's tables, one per replica. */
    private static List<String> schedulerInstances(String dbUrl, String user, String password) throws Exception {
        List<String> instances = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(dbUrl, user, password);
             PreparedStatement select = db.prepareStatement("SELECT instance_name FROM qrtz_scheduler_state");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                instances.add(row.getString(1));
            }
        }
        return instances;
    }

    private record Run(long id, Instant scheduledFor, Instant startedAt, Instant finishedAt) {
    }

    /** One process of the packaged jar, from the top folder (its routes/, profiles/, templates/), as users run it. */

    /** A replica whose settings are system properties of its JVM. */
    private static PackagedJar replica(String name, Path folder, Map<String, String> settings) throws IOException {
        List<String> options = new ArrayList<>();
        settings.forEach((key, value) -> options.add("-D" + key + "=" + value));
        return PackagedJar.start(name, folder, options, Map.of());
    }

    private static long runsStarted(PackagedJar replica) {
        return RUN_STARTED.matcher(replica.console()).results().count();
    }
}
