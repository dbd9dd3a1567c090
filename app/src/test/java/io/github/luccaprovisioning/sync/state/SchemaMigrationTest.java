package io.github.luccaprovisioning.sync.state;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaMigrationTest {

    @Test
    void theNewestVersionIsThatOfTheNewestFileShipped() throws IOException, URISyntaxException {
        Path db = Path.of(SchemaMigration.class.getClassLoader().getResource("db").toURI());
        List<String> versions;
        try (Stream<Path> files = Files.walk(db)) {
            versions = files.map(file -> file.getFileName().toString()).filter(name -> name.matches("V[\\d_]+__.*\\.sql"))
                    .map(name -> name.substring(1, name.indexOf("__")).replace('_', '.')).toList();
        }
        Comparator<String> byVersion = Comparator.comparing(
                version -> Stream.of(version.split("\\.")).mapToInt(Integer::parseInt).toArray(), Arrays::compare);
        assertThat(versions).isNotEmpty();
        assertThat(versions.stream().max(byVersion)).contains(SchemaMigration.NEWEST_VERSION);
    }

    @Test
    void aDatabaseIsUpToDateOnceMigratedAndNotWhileAMigrationFailed() throws SQLException {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:schema-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        try (Connection db = database.getConnection()) {
            assertThat(SchemaMigration.upToDate(db)).as("no history yet").isFalse();
            new SchemaMigration(database).migrate();
            assertThat(SchemaMigration.upToDate(db)).isTrue();
            new SchemaMigration(database).migrate();
            try (Statement update = db.createStatement()) {
                update.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '3'");
            }
            assertThat(SchemaMigration.upToDate(db)).as("a failed migration is Flyway's to report").isFalse();
        }
    }
}
