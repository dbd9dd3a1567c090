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
        // the files and Flyway's own plugins are found through this class's loader, which in Karaf is the bundle's,
        // not the thread's
        Flyway.configure(SchemaMigration.class.getClassLoader()).dataSource(dataSource).locations("classpath:db/migration")
                .load().migrate();
    }
}
