package io.github.luccaprovisioning.sync.state;

import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class AutomaticSyncTest {

    private static final TriggerKey TRIGGER = new TriggerKey("sync", "lucca-provisioning");

    private JdbcDataSource database;
    private Scheduler scheduler;

    @BeforeEach
    void databaseAndScheduler() throws Exception {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:automatic-sync-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        new SchemaMigration(database).migrate();
        Properties settings = QuartzSettings.of(false, database, database.getURL());
        settings.setProperty("org.quartz.scheduler.instanceName", "automatic-sync-test-" + System.nanoTime());
        scheduler = new StdSchedulerFactory(settings).getScheduler();
        scheduler.scheduleJob(JobBuilder.newJob(Job.class).withIdentity("sync", "lucca-provisioning").build(),
                TriggerBuilder.newTrigger().withIdentity(TRIGGER).withSchedule(CronScheduleBuilder.cronSchedule("0 0 6 * * ?")).build());
    }

    @AfterEach
    void stopScheduler() throws Exception {
        scheduler.shutdown();
    }

    private AutomaticSync automaticSync(boolean onUntilChosen) {
        return new AutomaticSync(Jdbi.create(database), onUntilChosen, "lucca-provisioning/sync", "0 0 6 * * ?");
    }

    @Test
    void theSettingDecidesUntilSomeoneChooses() throws Exception {
        assertThat(automaticSync(true).isOn()).isTrue();
        assertThat(automaticSync(false).isOn()).isFalse();
        assertThat(automaticSync(true).state().changedAt()).isNull();
    }

    @Test
    void pausingIsKeptWhateverTheSettingAndPausesTheTrigger() throws Exception {
        AutomaticSync.State paused = automaticSync(true).turn(false, scheduler);

        assertThat(paused.enabled()).isFalse();
        assertThat(paused.changedAt()).isNotNull();
        assertThat(paused.cron()).isEqualTo("0 0 6 * * ?");
        assertThat(scheduler.getTriggerState(TRIGGER)).isEqualTo(Trigger.TriggerState.PAUSED);
        assertThat(automaticSync(true).isOn()).as("another replica, or after a restart").isFalse();
    }

    @Test
    void enablingAgainResumesTheTrigger() throws Exception {
        automaticSync(false).turn(false, scheduler);

        assertThat(automaticSync(false).turn(true, scheduler).enabled()).isTrue();
        assertThat(scheduler.getTriggerState(TRIGGER)).isEqualTo(Trigger.TriggerState.NORMAL);
        assertThat(automaticSync(false).isOn()).isTrue();
    }
}
