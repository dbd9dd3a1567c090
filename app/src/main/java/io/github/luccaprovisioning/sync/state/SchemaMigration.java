package io.github.luccaprovisioning.sync.state;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Brings the database to the newest schema version from the versioned files in {@code db/migration}, and from those
 * in {@code db/vendor/<vendor>} ({@code h2}, {@code postgresql}) for what the databases write differently (Quartz's
 * tables). The vendor folders are not under {@code db/migration}: Flyway reads a location's sub-folders too, and
 * would find every database's version of the same file.
 * <p>
 * A database that already has {@link #NEWEST_VERSION} applied, and no failed migration, is left as it is without
 * starting Flyway: loading it, its plugins and its configuration and checking every file took a tenth of a run's
 * start-up, to find that nothing was to be done.
 */
public final class SchemaMigration {

    /** Spring Boot's spelling of the same idea; Flyway itself has no such placeholder. */
    static final String VENDOR = "{vendor}";
    static final String[] LOCATIONS = {"classpath:db/migration", "classpath:db/vendor/" + VENDOR};
    /** The version of the newest file of those locations (a test keeps the two in step). */
    static final String NEWEST_VERSION = "6";

    private final DataSource dataSource;

    public SchemaMigration(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void migrate() {
        String vendor;
        try (Connection db = dataSource.getConnection()) {
            if (upToDate(db)) {
                return;
            }
            vendor = vendorOf(db.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("The database cannot be reached: " + e.getMessage(), e);
        }
        String[] locations = new String[LOCATIONS.length];
        for (int i = 0; i < LOCATIONS.length; i++) {
            locations[i] = LOCATIONS[i].replace(VENDOR, vendor);
        }
        // the files and Flyway's own plugins are found through this class's loader, which in Karaf is the bundle's,
        // not the thread's
        Flyway.configure(SchemaMigration.class.getClassLoader()).dataSource(dataSource).locations(locations)
                .load().migrate();
    }

    /** Whether Flyway's history says the newest version was applied and no migration failed. */
    static boolean upToDate(Connection db) {
        boolean newest = false;
        try (Statement query = db.createStatement();
             ResultSet history = query.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\"")) {
            while (history.next()) {
                if (!history.getBoolean(2)) {
                    return false;
                }
                newest |= NEWEST_VERSION.equals(history.getString(1));
            }
        } catch (SQLException noHistoryYet) {
            return false;
        }
        return newest;
    }

    /** H2 → h2, PostgreSQL → postgresql: the folder of the database's own files. */
    static String vendorOf(String databaseProductName) {
        return databaseProductName.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
