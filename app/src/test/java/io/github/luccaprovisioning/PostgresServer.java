package io.github.luccaprovisioning;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for the tests: a cluster made by initdb in a temporary folder, run by postgres on a
 * free loopback port with a password login, and a new database for each {@link #createDatabase()}. PostgreSQL
 * refuses to run as root, so as root its binaries run as Debian's {@code postgres} OS user. Without the binaries
 * the tests are skipped; with {@code LUCCA_POSTGRES_TEST=required} (CI) they fail instead. Public for the benchmark
 * ({@code bench/run --db postgres}).
 */
public final class PostgresServer implements AutoCloseable {

    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
    private static final String OS_USER = "postgres";
    private static final String USER = "lucca";
    private static final String PASSWORD = "test-db-password";
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static final Duration STOPPED_WITHIN = Duration.ofSeconds(20);

    private final Path bin;
    private final Path folder;
    private final boolean asRoot;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private Process postmaster;

    private PostgresServer(Path bin, Path folder, boolean asRoot, int port) {
        this.bin = bin;
        this.folder = folder;
        this.asRoot = asRoot;
        this.port = port;
    }

    /** A new cluster, started; skips the test (or fails it when required) where PostgreSQL is not installed. */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = installedBinaries();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        Path folder = Files.createTempDirectory("lucca-postgres-");
        PostgresServer server = new PostgresServer(bin, folder, asRoot, SyncPipeline.freePort());
        try {
            server.initdb();
            server.startAgain();
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static Path installedBinaries() throws IOException {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(INSTALLATIONS)) {
            try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
                versions.map(version -> version.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .forEach(found::add);
            }
        }
        // the newest major version: 9.6 sorts after 15 as text, not as a number
        found.sort(Comparator.comparingDouble(bin -> Double.parseDouble(bin.getParent().getFileName().toString())));
        if (found.isEmpty()) {
            String reason = "no PostgreSQL under " + INSTALLATIONS + ": install it (apt-get install postgresql) to run the "
                    + "PostgreSQL tests";
            if ("required".equals(System.getenv("LUCCA_POSTGRES_TEST"))) {
                Assertions.fail(reason + " (LUCCA_POSTGRES_TEST=required)");
            }
            Assumptions.abort(reason);
        }
        return found.get(found.size() - 1);
    }

    private void initdb() throws IOException, InterruptedException {
        Path passwordFile = folder.resolve("password");
        Files.writeString(passwordFile, PASSWORD);
        if (asRoot) {
            UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
            Files.setOwner(folder, postgres);
            Files.setOwner(passwordFile, postgres);
        }
        Process initdb = command("initdb", "-D", data().toString(), "-U", USER, "--pwfile=" + passwordFile,
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync")
                .redirectOutput(folder.resolve("initdb.log").toFile()).redirectErrorStream(true).start();
        if (initdb.waitFor() != 0) {
            throw new IllegalStateException("initdb failed: " + Files.readString(folder.resolve("initdb.log")));
        }
    }

    /** Starts the server on its folder and port: at first, and again after {@link #stop()}. */
    void startAgain() throws IOException, InterruptedException {
        // no Unix socket: nothing to share with a system server in /var/run/postgresql; durability is of no use here;
        // more connections than the default 100: the benchmark's pool is employees in parallel + 4, 132 at --concurrency 32
        postmaster = command("postgres", "-D", data().toString(), "-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200", "-c", "fsync=off",
                "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).redirectErrorStream(true).start();
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (true) {
            try (Connection ignored = connect("postgres")) {
                return;
            } catch (SQLException notYet) {
                if (!postmaster.isAlive() || Instant.now().isAfter(deadline)) {
                    stop();
                    throw new IllegalStateException("PostgreSQL did not start: " + Files.readString(log()), notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Stops the server by its process id, the way an administrator's fast shutdown does: open sessions are cut
     * off and new connections refused. Killed when it does not stop in time.
     */
    void stop() throws IOException, InterruptedException {
        if (postmaster == null || !postmaster.isAlive()) {
            return;
        }
        new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid())).inheritIO().start().waitFor();
        if (!postmaster.waitFor(STOPPED_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly().waitFor();
        }
    }

    /** A new, empty database on this server. */
    public SyncDatabase createDatabase() throws SQLException {
        String name = "lucca_" + databases.incrementAndGet();
        try (Connection db = connect("postgres"); Statement create = db.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        }
        return new SyncDatabase(url(name), USER, PASSWORD);
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), USER, PASSWORD);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private Path data() {
        return folder.resolve("data");
    }

    private Path log() {
        return folder.resolve("postgres.log");
    }

    /**
     * One of the binaries, as the OS user postgres when the tests run as root. setpriv replaces itself with the
     * binary, so the process started is the server itself and its id the one to stop.
     */
    private ProcessBuilder command(String binary, String... arguments) {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("setpriv", "--reuid=" + OS_USER, "--regid=" + OS_USER, "--init-groups", "--"));
        }
        command.add(bin.resolve(binary).toString());
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).directory(folder.toFile());
    }

    /** Stops the server and deletes its folder. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
