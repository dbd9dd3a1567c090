package io.github.luccaprovisioning.sync.state;

import org.apache.camel.CamelContext;
import org.apache.camel.Header;
import org.apache.camel.component.quartz.QuartzComponent;
import org.jdbi.v3.core.Jdbi;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Whether automatic sync (the schedule) is on: the admin's last choice, kept in the database for every replica and
 * every restart ({@code automatic_sync}), or {@code sync.schedule-enabled} while nobody has chosen. Every scheduled
 * time asks it before it starts a run, which makes the choice hold on every replica whatever its job store. Turning
 * it off or on also pauses or resumes the schedule's Quartz trigger: in a cluster that trigger is the replicas'
 * shared one, so none of them fires any more.
 */
public final class AutomaticSync {

    private final Jdbi jdbi;
    private final boolean onUntilChosen;
    private final TriggerKey trigger;
    private final String cron;

    /**
     * @param trigger the schedule's Quartz trigger, as its quartz: URI names it: group/name
     * @param cron    the schedule, as shown with the state
     */
    public AutomaticSync(Jdbi jdbi, boolean onUntilChosen, String trigger, String cron) {
        this.jdbi = jdbi;
        this.onUntilChosen = onUntilChosen;
        String[] groupAndName = trigger.split("/", 2);
        this.trigger = new TriggerKey(groupAndName[1], groupAndName[0]);
        this.cron = cron;
    }

    /** The state as the admin API and the dashboard show it; {@code changedAt} is null while nobody has chosen. */
    public record State(boolean enabled, String cron, String changedAt) {
    }

    public boolean isOn() {
        return state().enabled();
    }

    public State state() {
        return jdbi.withHandle(db -> db.createQuery("SELECT enabled, changed_at FROM automatic_sync WHERE id = 1")
                        .map((row, context) -> new State(row.getBoolean(1), cron, row.getTimestamp(2).toInstant().toString()))
                        .findFirst())
                .orElseGet(() -> new State(onUntilChosen, cron, null));
    }

    /** Turns automatic sync on or off for every replica, from the admin API (header syncScheduleEnabled). */
    public State turn(@Header("syncScheduleEnabled") boolean enabled, CamelContext camel) throws SchedulerException {
        return turn(enabled, camel.getComponent("quartz", QuartzComponent.class).getScheduler());
    }

    State turn(boolean enabled, Scheduler scheduler) throws SchedulerException {
        store(enabled);
        if (enabled) {
            scheduler.resumeTrigger(trigger);
        } else {
            scheduler.pauseTrigger(trigger);
        }
        return state();
    }

    private void store(boolean enabled) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbi.useHandle(db -> {
            if (db.execute("UPDATE automatic_sync SET enabled = ?, changed_at = ? WHERE id = 1", enabled, now) == 0) {
                db.execute("INSERT INTO automatic_sync (id, enabled, changed_at) VALUES (1, ?, ?)", enabled, now);
            }
        });
    }
}
