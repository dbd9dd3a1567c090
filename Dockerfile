# lucca-provisioning: the thin jar, its lib/ folder, the YAML routes, target profiles, mail templates and the
# settings, on a Java 17 runtime. No sandbox: the fakes and lucca-provisioning-sandbox.jar are not in it.
# Not built on the project's machines (no Docker engine there): ContainerImageIT runs this file's ENTRYPOINT and
# HEALTHCHECK commands on the built jar laid out as in the image. See docs/operations.md, "Container".

# Stage 1: build the jar and copy its runtime dependencies to target/lib (the app module builds into the top target/);
# the fakes module is built too, as app's tests depend on it, but nothing of it goes into the image
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# the dependencies change less often than the code, so this layer usually stays cached
COPY pom.xml ./
COPY fakes/pom.xml fakes/
COPY app/pom.xml app/
COPY sandbox/pom.xml sandbox/
COPY karaf/pom.xml karaf/
COPY features/pom.xml features/
RUN mvn -B -q -pl app -am dependency:go-offline -DexcludeGroupIds=io.github.luccaprovisioning
COPY fakes/src/ fakes/src/
COPY app/src/ app/src/
COPY routes/ routes/
COPY profiles/ profiles/
COPY templates/ templates/
COPY dashboard/ dashboard/
COPY bin/ bin/
# the pom packs it into the jar as the default settings
COPY application.properties ./
# the jar alone (app); the sandbox is for a developer's machine, the Karaf bundle and feature are for Karaf
RUN mvn -B -q -pl app -am package -DskipTests

# Stage 2: the runtime image
FROM eclipse-temurin:17-jre
# a fixed non-root uid, so that a mounted volume's ownership is predictable
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /app/data \
    && chown app:app /app/data
# routes (file:routes/*.camel.yaml), application.properties and the H2 file (./data) are resolved against this folder
WORKDIR /app
# the jar's manifest Class-Path names lib/*.jar beside it; dependencies first, as they change least
COPY --from=build /build/target/lib/ /app/lib/
COPY --from=build /build/target/lucca-provisioning.jar /app/lucca-provisioning.jar
# the launcher: java -jar, with the JVM options of a one-shot run for --once, --check and --preview
COPY --from=build /build/bin/ /app/bin/
# mount your own over these to change routes, target profiles, mail templates or settings without rebuilding
COPY --from=build /build/routes/ /app/routes/
COPY --from=build /build/profiles/ /app/profiles/
COPY --from=build /build/templates/ /app/templates/
COPY --from=build /build/dashboard/ /app/dashboard/
COPY --from=build /build/application.properties /app/application.properties
# A class data sharing archive (AppCDS) of the classes a start loads, written with this image's own JVM on this
# image's lib/: a one-shot run (bin/lucca-provisioning uses it for --once, --check and --preview) maps them from it
# instead of reading, verifying and parsing some 5,000 classes out of lib/*.jar (docs/benchmark.md, "A fresh JVM's
# options"). The image has no sandbox, so the archive comes from a --check against addresses where nothing answers:
# it boots camel-main, the beans, the database and the routes, and makes its first HTTP calls, then exits 1, as it
# should there. The launcher writes it as that run exits, as it does on the first one-shot run after a build; in
# the image /app is not the app user's, so it is never written again. The check's database is a throwaway one, so
# that /app/data stays empty and the app user's.
RUN LOGGING_FILE= LUCCA_BASE_URL=http://127.0.0.1:9 LUCCA_API_KEY=archive TARGET_BASE_URL=http://127.0.0.1:9/scim/v2 \
        TARGET_TOKEN=archive DB_URL=jdbc:h2:file:/tmp/archive/db \
        sh bin/lucca-provisioning --check > /dev/null; \
    test -s /app/lucca-provisioning.jsa && rm -rf /tmp/archive
USER 10001
# the sync state, run history and errors (default db.url jdbc:h2:file:./data/lucca-provisioning) and the error
# files (default sync.reports-dir data/reports)
VOLUME ["/app/data"]
# the admin API and dashboard, and the management port (health, metrics); camel-main ignores environment
# variables that end in _PORT for its own settings, so these feed admin.port and admin.management-port.
# LOGGING_FILE empty: --once too logs in full to stdout, where a container's log belongs, and writes no log file
# (/app is not writable anyway); set it to a path under /app/data for the quiet console of a terminal
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75" \
    ADMIN_PORT=8080 \
    ADMIN_MANAGEMENT_PORT=9876 \
    LOGGING_FILE=""
EXPOSE 8080 9876
# /observe/health is DOWN when the last run failed; the jar has its own probe, so the image needs no curl
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD java -cp lucca-provisioning.jar io.github.luccaprovisioning.ops.HealthProbe "http://localhost:${ADMIN_MANAGEMENT_PORT}/observe/health"
# the arguments of docker run (for example --once) go to the program; the launcher ends in exec java, so the JVM
# is the container's main process and gets its stop signal; paths are relative to WORKDIR
ENTRYPOINT ["sh","bin/lucca-provisioning"]
