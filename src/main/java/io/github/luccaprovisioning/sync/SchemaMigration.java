package io.github.luccaprovisioning.sync;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Brings the database to the newest schema version from the versioned files in {@code db/migration}. */
public final class SchemaMigration {

    private final DataSource dataSource;

    public SchemaMigration(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void migrate() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
