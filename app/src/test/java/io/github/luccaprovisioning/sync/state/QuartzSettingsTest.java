package io.github.luccaprovisioning.sync.state;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.quartz.utils.DBConnectionManager;

import java.sql.Connection;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class QuartzSettingsTest {

    @Test
    void oneProcessKeepsTheScheduleInMemory() {
        Properties settings = QuartzSettings.of(false, null, "jdbc:h2:file:./data/lucca-provisioning");

        assertThat(settings.getProperty("org.quartz.jobStore.class")).isEqualTo("org.quartz.simpl.RAMJobStore");
        assertThat(settings).doesNotContainKey("org.quartz.jobStore.isClustered");
    }

    @Test
    void replicasShareAClusteredJobStoreOnTheSyncDatabase() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:quartz-settings;DB_CLOSE_DELAY=-1");

        Properties settings = QuartzSettings.of(true, database, database.getURL());

        assertThat(settings.getProperty("org.quartz.jobStore.class")).isEqualTo("org.quartz.impl.jdbcjobstore.JobStoreTX");
        assertThat(settings.getProperty("org.quartz.jobStore.isClustered")).isEqualTo("true");
        assertThat(settings.getProperty("org.quartz.scheduler.instanceId")).isEqualTo("AUTO");
        try (Connection connection = DBConnectionManager.getInstance().getConnection(settings.getProperty("org.quartz.jobStore.dataSource"))) {
            assertThat(connection.getMetaData().getURL()).isEqualTo("jdbc:h2:mem:quartz-settings");
        }
    }

    @Test
    void postgreSqlGetsItsOwnDriverDelegate() {
        assertThat(QuartzSettings.driverDelegate("jdbc:postgresql://db:5432/lucca")).isEqualTo("org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        assertThat(QuartzSettings.driverDelegate("jdbc:h2:tcp://db/lucca")).isEqualTo("org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    }

    @Test
    void eachDatabaseFindsItsOwnMigrationFolder() {
        assertThat(SchemaMigration.vendorOf("H2")).isEqualTo("h2");
        assertThat(SchemaMigration.vendorOf("PostgreSQL")).isEqualTo("postgresql");
    }
}
