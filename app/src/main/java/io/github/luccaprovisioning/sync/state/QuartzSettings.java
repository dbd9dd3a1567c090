package io.github.luccaprovisioning.sync.state;

import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The settings of the schedule's Quartz scheduler (camel-quartz's {@code propertiesRef}). In one process its job store
 * is in memory. With several replicas ({@code sync.cluster=true}) it is Quartz's clustered JDBC job store on the sync
 * database, whose tables the schema migration creates: the replicas share the trigger there, so each scheduled time
 * fires on one of them, and a replica that dies leaves its work to the others.
 */
public final class QuartzSettings {

    /** The name Quartz asks its connection manager for the sync database by. */
    static final String DATA_SOURCE = "syncDatabase";

    private QuartzSettings() {
    }

    public static Properties of(boolean clustered, DataSource syncDatabase, String dbUrl) {
        Properties settings = new Properties();
        // one job, which never runs beside itself
        settings.setProperty("org.quartz.threadPool.threadCount", "1");
        if (!clustered) {
            settings.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            return settings;
        }
        // Quartz would build a pool of its own from connection settings; it is given the sync database's instead
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new Connections(syncDatabase));
        settings.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        settings.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        settings.setProperty("org.quartz.jobStore.driverDelegateClass", driverDelegate(dbUrl));
        settings.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        settings.setProperty("org.quartz.jobStore.isClustered", "true");
        return settings;
    }

    /** PostgreSQL stores job data as bytea, which needs its own delegate; H2 and the others take the standard one. */
    static String driverDelegate(String dbUrl) {
        return dbUrl.startsWith("jdbc:postgresql:") ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
                : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
    }

    /** The sync database's pool, which Quartz borrows and must not close: the routes use it too. */
    private record Connections(DataSource dataSource) implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
