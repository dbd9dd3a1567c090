package io.github.luccaprovisioning.karaf.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An Apache Karaf distribution unpacked under {@code target/}, configured to read artifacts only from local folders,
 * started as {@code bin/karaf server} and driven through {@code bin/client -b} (batch mode).
 *
 * <pre>{@code
 * try (KarafServer karaf = KarafServer.builder(home).mavenRepository(standIns).env("SECRET", "x").start()) {
 *     String out = karaf.console("feature:install scr", "bundle:list");
 * }
 * }</pre>
 *
 * Maven resolution inside Karaf (etc/org.ops4j.pax.url.mvn.cfg): {@code defaultRepositories} = Karaf's own system and
 * kar folders plus the given local folders (each {@code @snapshots}), {@code repositories} empty, an empty settings
 * file, and a {@code localRepository} under the Karaf home. Nothing is fetched remotely: a missing artifact fails
 * with "Error downloading mvn:..." on the console and "Could not find artifact" / "Error resolving artifact" in
 * data/log/karaf.log. ssh listens on 127.0.0.1 at a free port; the RMI registry and server use free ports on
 * 127.0.0.1.
 */
public final class KarafServer implements AutoCloseable {

    private final Builder cfg;
    private final Path home;
    private final int sshPort;
    private Process process;
    private Thread shutdownHook;
    private Duration startTime = Duration.ZERO;
    private int rmiRegistryPort;
    private int rmiServerPort;

    private KarafServer(Builder cfg, int sshPort) {
        this.cfg = cfg;
        this.home = cfg.home;
        this.sshPort = sshPort;
    }

    /** The local Maven repository the build used (failsafe passes {@code karaf.it.localRepository}). */
    public static Path localMavenRepository() {
        String p = System.getProperty("karaf.it.localRepository");
        if (p == null || p.isBlank()) {
            p = System.getProperty("user.home") + "/.m2/repository";
        }
        return Paths.get(p).toAbsolutePath();
    }

    /** The Karaf tar.gz in the local Maven repository (prefetched by the pom). */
    public static Path distribution(String karafVersion) {
        return StandInCamelKaraf.artifact(localMavenRepository(), "org.apache.karaf", "apache-karaf", karafVersion,
                null, "tar.gz");
    }

    /** Builder for a Karaf unpacked into {@code home} (deleted first). Default distribution: Karaf 4.4.8. */
    public static Builder builder(Path home) {
        return new Builder(home);
    }

    public static final class Builder {
        private final Path home;
        private Path distribution;
        private final List<Path> repositories = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> extraConfig = new LinkedHashMap<>();
        private String user = "karaf";
        private String password = "karaf";
        private Duration startTimeout = Duration.ofSeconds(120);
        private Duration stopGrace = Duration.ofSeconds(20);
        private String javaMaxMem = "768m";

        private Builder(Path home) {
            this.home = home.toAbsolutePath();
            this.distribution = KarafServer.distribution(System.getProperty("karaf.it.karafVersion", "4.4.8"));
        }

        /** The apache-karaf tar.gz to unpack. */
        public Builder distribution(Path tarGz) { this.distribution = tarGz; return this; }
        /** A local folder in Maven layout that Karaf reads artifacts from (in the order added). */
        public Builder mavenRepository(Path folder) { this.repositories.add(folder.toAbsolutePath()); return this; }
        /** An environment variable for the Karaf process (e.g. secrets the product reads). */
        public Builder env(String name, String value) { this.env.put(name, value); return this; }
        public Builder env(Map<String, String> vars) { this.env.putAll(vars); return this; }
        /** Writes {@code etc/<pid>.cfg} with the given content before start (e.g. the product's config). */
        public Builder config(String pid, String content) { this.extraConfig.put(pid, content); return this; }
        public Builder user(String user, String password) { this.user = user; this.password = password; return this; }
        public Builder startTimeout(Duration d) { this.startTimeout = d; return this; }
        public Builder stopGrace(Duration d) { this.stopGrace = d; return this; }
        /** JAVA_MAX_MEM for the Karaf JVM (default 768m; the machine is shared). */
        public Builder javaMaxMem(String m) { this.javaMaxMem = m; return this; }

        /** Unpacks, configures and starts Karaf; returns once the console answers. */
        public KarafServer start() throws IOException, InterruptedException {
            KarafServer k = new KarafServer(this, freePort());
            try {
                k.unpackAndConfigure();
                k.launch();
                return k;
            } catch (IOException | InterruptedException | RuntimeException | Error e) {
                k.close();
                throw e;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    private void unpackAndConfigure() throws IOException, InterruptedException {
        if (!Files.isRegularFile(cfg.distribution)) {
            throw new IllegalStateException("Karaf distribution missing: " + cfg.distribution
                    + " (run the Maven build once with network so the karaf-it prefetch downloads it)");
        }
        deleteRecursively(home);
        Files.createDirectories(home);
        run(Duration.ofSeconds(60), "tar", "xzf", cfg.distribution.toString(), "--strip-components=1", "-C",
                home.toString());

        Path etc = home.resolve("etc");
        Path localRepo = home.resolve("local-m2");
        Files.createDirectories(localRepo);
        Path settings = etc.resolve("karaf-it-maven-settings.xml");
        Files.writeString(settings, "<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\">\n"
                + "  <!-- karaf-it: no mirrors, no servers, no remote repositories -->\n"
                + "  <localRepository>" + localRepo + "</localRepository>\n</settings>\n");
        StringBuilder defaults = new StringBuilder()
                .append("    ${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots, \\\n")
                .append("    ${karaf.data.uri}kar@id=kar.repository@multi@snapshots, \\\n")
                .append("    ${karaf.base.uri}${karaf.default.repository}@id=child.system.repository@snapshots");
        int i = 0;
        for (Path r : cfg.repositories) {
            defaults.append(", \\\n    ").append(r.toUri()).append("@id=karaf-it-").append(i++).append("@snapshots");
        }
        Files.writeString(etc.resolve("org.ops4j.pax.url.mvn.cfg"), ""
                + "# karaf-it: artifacts come only from local folders; nothing is fetched remotely\n"
                + "org.ops4j.pax.url.mvn.certificateCheck=true\n"
                + "org.ops4j.pax.url.mvn.useFallbackRepositories=false\n"
                + "org.ops4j.pax.url.mvn.settings=" + settings + "\n"
                + "org.ops4j.pax.url.mvn.localRepository=" + localRepo + "\n"
                + "org.ops4j.pax.url.mvn.defaultRepositories=\\\n" + defaults + "\n"
                + "org.ops4j.pax.url.mvn.repositories=\n"
                + "org.ops4j.pax.url.mvn.timeout=5000\n");

        replaceProperty(etc.resolve("org.apache.karaf.shell.cfg"), "sshHost", "127.0.0.1");
        replaceProperty(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", Integer.toString(sshPort));
        Path mgmt = etc.resolve("org.apache.karaf.management.cfg");
        rmiRegistryPort = freePort();
        rmiServerPort = freePort();
        replaceProperty(mgmt, "rmiRegistryPort", Integer.toString(rmiRegistryPort));
        replaceProperty(mgmt, "rmiRegistryHost", "127.0.0.1");
        replaceProperty(mgmt, "rmiServerPort", Integer.toString(rmiServerPort));
        replaceProperty(mgmt, "rmiServerHost", "127.0.0.1");
        replaceProperty(mgmt, "jmxmpHost", "127.0.0.1");
        replaceProperty(mgmt, "jmxmpPort", Integer.toString(freePort()));

        Path users = etc.resolve("users.properties");
        String u = Files.readString(users)
                .replace("#karaf = karaf,_g_:admingroup", cfg.user + " = " + cfg.password + ",_g_:admingroup")
                .replace("#_g_\\:admingroup", "_g_\\:admingroup");
        Files.writeString(users, u);
        for (Map.Entry<String, String> e : cfg.extraConfig.entrySet()) {
            Files.writeString(etc.resolve(e.getKey() + ".cfg"), e.getValue());
        }
    }

    private void launch() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("server.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KARAF_EXEC", "exec"); // the script execs java: the process id is the JVM's
        env.put("JAVA_MAX_MEM", cfg.javaMaxMem);
        env.remove("KARAF_OPTS");
        env.putAll(cfg.env);
        process = pb.start();
        shutdownHook = new Thread(this::stopQuietly, "karaf-it-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        long deadline = System.nanoTime() + cfg.startTimeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Karaf exited with " + process.exitValue() + "; see "
                        + home.resolve("server.out") + ":\n" + tail(home.resolve("server.out"), 30));
            }
            try {
                last = client(Duration.ofSeconds(20), 1, "system:start-level");
                if (Pattern.compile("Level\\s+100").matcher(last).find()) {
                    startTime = Duration.ofNanos(System.nanoTime() - t0);
                    return;
                }
            } catch (IllegalStateException timeout) {
                last = timeout.getMessage();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Karaf did not answer within " + cfg.startTimeout + "; last client output: "
                + last);
    }

    /**
     * Like {@link #console(String...)}, but throws when the output reports a failed command ("Error executing
     * command", "Command not found").
     */
    public String exec(String... commands) {
        return exec(Duration.ofMinutes(3), commands);
    }

    public String exec(Duration timeout, String... commands) {
        String out = console(timeout, commands);
        if (out.contains("Error executing command") || out.contains("Command not found")) {
            throw new IllegalStateException("Karaf command failed: " + List.of(commands) + "\n" + out);
        }
        return out;
    }

    /**
     * Runs console commands in one {@code bin/client -b} session and returns stdout+stderr (ANSI colours included).
     * Batch mode stops at the first command that fails, so later commands of the same call do not run.
     */
    public String console(String... commands) {
        return console(Duration.ofMinutes(3), commands);
    }

    public String console(Duration timeout, String... commands) {
        return client(timeout, 3, commands);
    }

    private String client(Duration timeout, int retries, String... commands) {
        List<String> cmd = List.of(home.resolve("bin/client").toString(), "-u", cfg.user, "-p", cfg.password,
                "-h", "127.0.0.1", "-a", Integer.toString(sshPort), "-b", "-r", Integer.toString(retries), "-d", "1");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true);
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().remove("KARAF_OPTS");
            Path out = Files.createTempFile(home, "client-", ".out");
            pb.redirectOutput(out.toFile());
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                kill(p.toHandle(), Duration.ofSeconds(2));
            }
            String text = Files.readString(out);
            Files.deleteIfExists(out);
            if (!done) {
                throw new IllegalStateException("bin/client timed out after " + timeout + " running " + List.of(commands)
                        + "; output so far:\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until data/log/karaf.log matches {@code regex}; returns the first matching line. */
    public String awaitLog(String regex, Duration timeout) throws IOException, InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Path log = log();
            if (Files.isRegularFile(log)) {
                try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                    var hit = lines.filter(l -> p.matcher(l).find()).findFirst();
                    if (hit.isPresent()) {
                        return hit.get();
                    }
                } catch (UncheckedIOException ignored) {
                    // partially written multi-byte line; retry
                }
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("No line matching /" + regex + "/ in " + log() + " within " + timeout
                + "; tail:\n" + tail(log(), 40));
    }

    /** Karaf's JMX connector (etc/org.apache.karaf.management.cfg), on loopback; log in as the console user. */
    public String jmxUrl() {
        return "service:jmx:rmi://127.0.0.1:" + rmiServerPort + "/jndi/rmi://127.0.0.1:" + rmiRegistryPort + "/karaf-root";
    }

    public Path home() { return home; }
    public Path log() { return home.resolve("data/log/karaf.log"); }
    public int sshPort() { return sshPort; }
    /** Process id of the Karaf JVM. */
    public long pid() { return process.pid(); }
    /** Time from launching bin/karaf until the console reported start level 100. */
    public Duration startTime() { return startTime; }
    public boolean isAlive() { return process != null && process.isAlive(); }

    /** Stops Karaf by its process id: SIGTERM, then SIGKILL after the grace period. Idempotent. */
    @Override
    public void close() {
        stopQuietly();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
            shutdownHook = null;
        }
    }

    private void stopQuietly() {
        if (process != null) {
            kill(process.toHandle(), cfg.stopGrace);
        }
    }

    /** SIGTERM the process and its descendants, SIGKILL what is left after {@code grace}. */
    private static void kill(ProcessHandle h, Duration grace) {
        List<ProcessHandle> all = new ArrayList<>();
        h.descendants().forEach(all::add);
        all.add(h);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception ignored) {
                // fall through to SIGKILL
            }
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by isAlive() below
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void replaceProperty(Path file, String key, String value) throws IOException {
        Pattern p = Pattern.compile("^\\s*#?\\s*" + Pattern.quote(key) + "\\s*[=:].*$", Pattern.MULTILINE);
        String text = Files.readString(file);
        String line = key + " = " + value;
        String updated = p.matcher(text).find() ? p.matcher(text).replaceFirst(java.util.regex.Matcher.quoteReplacement(line))
                : text + "\n" + line + "\n";
        Files.writeString(file, updated);
    }

    private static void run(Duration timeout, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }

    /** The last lines of Karaf's log, for a failure message. */
    public String tail(int lines) {
        return tail(log(), lines);
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.isRegularFile(file)) {
                return "(no " + file + ")";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    @Override
    public String toString() {
        return "KarafServer[" + home + ", ssh 127.0.0.1:" + sshPort + (process == null ? "" : ", pid " + pid()) + "]";
    }
}
