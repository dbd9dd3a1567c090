package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.luccaprovisioning.lucca.DirectoryRead;
import io.github.luccaprovisioning.scim.BulkOutcome;
import io.github.luccaprovisioning.sync.decision.Outcome;
import io.github.luccaprovisioning.sync.state.EmployeeStates;
import io.github.luccaprovisioning.sync.state.ManagerLink;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.OnCamelContextStopping;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Keeps the run history: a {@code sync_run} row per run and a {@code run_error} row per employee that failed or
 * needs a look. Runs never overlap, on this replica or any other of the same database: a run holds the run lease
 * ({@link RunLease}) from its start to its end, renewed every third of the lease, and writes its progress with each
 * renewal and after each Lucca page, so that another replica shows it and a run cut short keeps what it reached.
 */
public final class RunRecorder implements OnCamelContextStopping {

    private static final String COUNT_COLUMNS = Arrays.stream(Outcome.values())
            .map(outcome -> outcome.column() + " = ?").collect(Collectors.joining(", "));
    private static final String PROGRESS_COLUMNS = "lucca_announced = ?, lucca_read_complete = ?, read_count = ?, "
            + "in_scope_count = ?, pages_read = ?, processed_count = ?, " + COUNT_COLUMNS;
    /**
     * Renewals that fail in a row (the database out of reach) before the run stops: two thirds of the lease gone,
     * so the run stops while the lease is still its own, a third of the lease before another replica may take it.
     */
    static final int RENEWALS_MISSED_BEFORE_STOP = 2;
    private static final int STARTS_TRIED = 3;
    /** How long any other run waits for a webhook run to end before it is refused as for any run in progress. */
    static final Duration WEBHOOK_RUN_WAIT = Duration.ofSeconds(60);
    private static final long WEBHOOK_RUN_POLL_MILLIS = 100;

    private final Jdbi jdbi;
    private final RunLease lease;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "run-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });
    /** This replica's run, whose counts in memory are ahead of the database's. */
    private final AtomicReference<SyncRun> inProgress = new AtomicReference<>();
    private volatile ScheduledFuture<?> renewal;
    private volatile int missedRenewals;
    /** Full runs of this replica waiting for a webhook run to end: webhook runs let them go first. */
    private final AtomicInteger fullRunsWaiting = new AtomicInteger();
    /** Runs that ended while the database was unreachable, so their history row still says RUNNING. */
    private final Queue<SyncRun> unwrittenEnds = new ConcurrentLinkedQueue<>();

    public RunRecorder(Jdbi jdbi, RunLease lease) {
        this.jdbi = jdbi;
        this.lease = lease;
    }

    /**
     * Opens a run and takes the run lease for it; the runs no live lease holds any more are closed as interrupted
     * first, with a note in this run's summary.
     *
     * @param trigger              what started the run: schedule, once, manual, webhook
     * @param dryRun               plan and count, change nothing (null: false)
     * @param approveDeactivations let deactivations over the guard's limits through (null: false)
     * @param approvedRunId        a run whose held deactivations were approved (null: none)
     * @param scheduledFor         the scheduled time the schedule started the run for (null: not started by it)
     * @throws RunAlreadyInProgressException while another run is in progress, on any replica; a run that is not a
     *                                       webhook run first waits up to {@link #WEBHOOK_RUN_WAIT} for a webhook run to
     *                                       end (the scheduled full run is not skipped for one employee's sync), and a
     *                                       webhook run is refused while one of this replica's full runs waits so
     */
    public SyncRun start(String trigger, DirectoryRead directory, Boolean dryRun, Boolean approveDeactivations,
                         Long approvedRunId, Date scheduledFor) {
        String runTrigger = trigger == null || trigger.isBlank() ? "manual" : trigger;
        RunOptions options = new RunOptions(Boolean.TRUE.equals(dryRun), Boolean.TRUE.equals(approveDeactivations), approvedRunId);
        writeUnwrittenEnds();
        SyncRun run = SyncRun.WEBHOOK.equals(runTrigger) ? openWebhookRun(options, directory)
                : openAfterWebhookRuns(runTrigger, options, directory, scheduledFor);
        inProgress.set(run);
        missedRenewals = 0;
        long every = Math.max(1, lease.length().toMillis() / 3);
        renewal = renewals.scheduleAtFixedRate(() -> renew(run), every, every, TimeUnit.MILLISECONDS);
        return run;
    }

    /**
     * Makes a run the sync of one employee (a webhook run): its read is of that employee only, and the history shows
     * whom it was about.
     */
    public void forOneEmployee(SyncRun run, String luccaId) {
        run.getDirectory().oneEmployee(luccaId);
        jdbi.useHandle(db -> db.execute("UPDATE sync_run SET lucca_id = ? WHERE id = ?", luccaId, run.getId()));
    }

    /** The run in progress on this replica, or null. */
    public SyncRun currentRun() {
        return inProgress.get();
    }

    /** @throws RunAlreadyInProgressException while a run is in progress, on any replica */
    public void refuseWhileRunning() {
        Optional<RunLease.Holder> running = lease.holder();
        if (running.isPresent()) {
            throw new RunAlreadyInProgressException(running.get());
        }
    }

    private SyncRun openWebhookRun(RunOptions options, DirectoryRead directory) {
        if (fullRunsWaiting.get() > 0) {
            throw new RunAlreadyInProgressException("A full run is about to start on replica " + lease.replica());
        }
        return open(SyncRun.WEBHOOK, options, directory, null);
    }

    private SyncRun openAfterWebhookRuns(String runTrigger, RunOptions options, DirectoryRead directory, Date scheduledFor) {
        Instant giveUp = Instant.now().plus(WEBHOOK_RUN_WAIT);
        fullRunsWaiting.incrementAndGet();
        try {
            while (true) {
                try {
                    return open(runTrigger, options, directory, scheduledFor);
                } catch (RunAlreadyInProgressException inProgress) {
                    if (!isWebhookRun(inProgress.getRunningId()) || Instant.now().isAfter(giveUp)) {
                        throw inProgress;
                    }
                    try {
                        Thread.sleep(WEBHOOK_RUN_POLL_MILLIS);
                    } catch (InterruptedException stopping) {
                        Thread.currentThread().interrupt();
                        throw inProgress;
                    }
                }
            }
        } finally {
            fullRunsWaiting.decrementAndGet();
        }
    }

    private boolean isWebhookRun(long runId) {
        return jdbi.withHandle(db -> db.createQuery("SELECT run_trigger FROM sync_run WHERE id = ?").bind(0, runId)
                .mapTo(String.class).findFirst()).filter(SyncRun.WEBHOOK::equals).isPresent();
    }

    private SyncRun open(String runTrigger, RunOptions options, DirectoryRead directory, Date scheduledFor) {
        // a lease that was held when asked for and free when read again was freed in between: ask again
        for (int attempt = 0; attempt < STARTS_TRIED; attempt++) {
            Optional<SyncRun> opened = jdbi.inTransaction(db -> {
                Instant now = Instant.now();
                long id = insert(db, runTrigger, options, now, scheduledFor);
                if (lease.take(db, id)) {
                    List<String> interrupted = closeInterruptedRuns(db);
                    SyncRun run = new SyncRun(id, runTrigger, options, now, directory);
                    interrupted.forEach(run::note);
                    return Optional.of(run);
                }
                // the exception rolls the transaction back, and with it the run's row
                Optional<RunLease.Holder> running = lease.holder(db);
                if (running.isPresent()) {
                    throw new RunAlreadyInProgressException(running.get());
                }
                db.rollback();
                return Optional.empty();
            });
            if (opened.isPresent()) {
                return opened.get();
            }
        }
        throw new IllegalStateException("The run lease keeps changing hands: ask for the run again");
    }

    private long insert(Handle db, String runTrigger, RunOptions options, Instant now, Date scheduledFor) {
        return db.createUpdate("INSERT INTO sync_run (run_trigger, dry_run, started_at, status, replica, scheduled_for) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, runTrigger)
                .bind(1, options.dryRun())
                .bind(2, Timestamp.from(now))
                .bind(3, SyncRun.Status.RUNNING.name())
                .bind(4, lease.replica())
                .bind(5, scheduledFor == null ? null : new Timestamp(scheduledFor.getTime()))
                .executeAndReturnGeneratedKeys()
                .map((keys, context) -> keys.getLong(1))
                .one();
    }

    /**
     * Every third of the lease. A lease found lost (expired, or taken over) stops the run at once; a renewal that
     * fails stops it at the {@link #RENEWALS_MISSED_BEFORE_STOP}th in a row. Either way, no two runs go on.
     */
    void renew(SyncRun run) {
        try {
            if (!lease.renew(run.getId())) {
                run.interrupt("replica " + lease.replica() + " lost the run lease (it expired, or another replica took it "
                        + "over) and stopped the run");
                return;
            }
            missedRenewals = 0;
        } catch (RuntimeException e) {
            if (++missedRenewals >= RENEWALS_MISSED_BEFORE_STOP) {
                run.interrupt("replica " + lease.replica() + " could not renew the run lease and stopped the run before "
                        + "the lease could expire: " + FailureReasons.ofRun(e));
            }
            return;
        }
        try {
            saveProgress(run);
        } catch (RuntimeException e) {
            // only the progress shown elsewhere lags: the next renewal or Lucca page writes it again
        }
    }

    /**
     * After each Lucca page and each pass of the run: writes the run's progress, and ends the run (the exception)
     * when it was interrupted.
     */
    public void checkpoint(SyncRun run) {
        if (!run.isGoingOn()) {
            throw new IllegalStateException(run.getInterruption());
        }
        saveProgress(run);
    }

    private void saveProgress(SyncRun run) {
        jdbi.useHandle(db -> {
            Update update = db.createUpdate("UPDATE sync_run SET " + PROGRESS_COLUMNS + " WHERE id = ? AND status = ?");
            int column = setProgress(update, 0, run);
            update.bind(column++, run.getId()).bind(column, SyncRun.Status.RUNNING.name()).execute();
        });
    }

    public void count(SyncRun run, Outcome outcome) {
        run.count(outcome);
    }

    /**
     * Counts what one bulk answer confirmed ({@link EmployeeStates#recordSyncedInBulk}): once for the answer, where
     * each of its employees would go through count-outcome.
     */
    public void countConfirmed(SyncRun run, List<BulkOutcome> synced) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (BulkOutcome confirmed : synced) {
            if (confirmed.write().outcome() != null) {
                counts.merge(confirmed.write().outcome(), 1, Integer::sum);
            }
        }
        counts.forEach(run::count);
    }

    /**
     * Closes as interrupted the runs left RUNNING that no live lease holds: their replica stopped or was lost
     * (kill -9, node lost) and its lease expired. They keep the counts they had written; their employees are looked at
     * again by the next run (their change keys were never confirmed). A run another replica is running holds a live
     * lease and is left alone.
     *
     * @return a line on each run closed
     */
    public List<String> closeInterruptedRuns() {
        return jdbi.withHandle(this::closeInterruptedRuns);
    }

    private List<String> closeInterruptedRuns(Handle db) {
        List<String> closed = new ArrayList<>();
        List<LeftRunning> leftRunning = db.createQuery("SELECT id, replica FROM sync_run WHERE status = ? AND id NOT IN ("
                        + RunLease.LIVE_RUNS + ")")
                .bind(0, SyncRun.Status.RUNNING.name()).bind(1, lease.now())
                .map((row, context) -> new LeftRunning(row.getLong("id"), row.getString("replica")))
                .list();
        for (LeftRunning run : leftRunning) {
            String reason = run.replica() == null ? "the process stopped before the run ended"
                    : "replica " + run.replica() + " stopped before the run ended (its run lease expired)";
            int updated = db.createUpdate("UPDATE sync_run SET status = ?, finished_at = ?, failure_reason = ? WHERE id = ? AND status = ?")
                    .bind(0, SyncRun.Status.INTERRUPTED.name())
                    .bind(1, Timestamp.from(Instant.now()))
                    .bind(2, reason)
                    .bind(3, run.id())
                    .bind(4, SyncRun.Status.RUNNING.name())
                    .execute();
            if (updated == 1) {
                closed.add("Run #" + run.id() + " was interrupted: " + reason + ".");
            }
        }
        return closed;
    }

    /** A run whose row says RUNNING, and the replica that ran it. */
    private record LeftRunning(long id, String replica) {
    }

    /**
     * Camel begins to stop (the process is asked to end, the Karaf bundle stops): a run going on here starts nothing
     * more, and ends as interrupted through its own route while the routes are given their shutdown timeout, with
     * the database still there (the pool may be closed before {@link #stop()} is called).
     */
    @Override
    public void onContextStopping(CamelContext context) {
        SyncRun run = inProgress.get();
        if (run != null) {
            run.interrupt(stoppedReason());
        }
    }

    private String stoppedReason() {
        return "replica " + lease.replica() + " was stopped before the run ended";
    }

    /**
     * At shutdown: the renewals stop, and a run that did not end within the shutdown timeout is closed as
     * interrupted and its lease freed, so that another replica can run at once rather than after the lease.
     */
    public void stop() {
        renewals.shutdownNow();
        SyncRun run = inProgress.get();
        if (run == null) {
            return;
        }
        run.interrupt(stoppedReason());
        try {
            close(run, SyncRun.Status.INTERRUPTED, run.getInterruption());
        } catch (SQLException | RuntimeException e) {
            // the database is gone already: the lease expires, and the next run closes this one
        }
    }

    /** Writes the error row of one employee that could not be synced; the run goes on. */
    public void recordFailure(SyncRun run, JsonNode employee, Failure failure) {
        record(run, Outcome.FAILED, employee, failure);
    }

    /** Writes a warning row: something to look at that did not stop the employee's sync. */
    public void recordWarning(SyncRun run, JsonNode employee, String step, String reason) {
        record(run, Outcome.WARNING, employee, new Failure(EmployeeLabels.of(employee), step, reason, null));
    }

    /** The warnings of a group of manager links (those that cannot be made), in one call for the group. */
    public void recordLinkWarnings(SyncRun run, List<ManagerLink> links) {
        for (ManagerLink link : links) {
            if (link.warning() != null) {
                recordWarning(run, link.employeeRecord(), "manager link", link.warning());
            }
        }
    }

    private void record(SyncRun run, Outcome outcome, JsonNode employee, Failure failure) {
        run.problem(outcome, failure);
        jdbi.useHandle(db -> db.createUpdate("INSERT INTO run_error (run_id, severity, lucca_id, employee_number, employee_name, "
                        + "email, step, reason, http_status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, run.getId())
                .bind(1, outcome == Outcome.WARNING ? "WARNING" : "ERROR")
                .bind(2, EmployeeLabels.field(employee, "id", 64))
                .bind(3, EmployeeLabels.field(employee, "employeeNumber", 100))
                .bind(4, EmployeeLabels.name(employee, 500))
                .bind(5, EmployeeLabels.field(employee, "mail", 320))
                .bind(6, failure.step())
                .bind(7, failure.reason())
                .bind(8, failure.httpStatus())
                .bind(9, Timestamp.from(Instant.now()))
                .execute());
    }

    public SyncRun finish(SyncRun run) throws SQLException {
        SyncRun.Status status = run.countOf(Outcome.FAILED) > 0 ? SyncRun.Status.COMPLETED_WITH_ERRORS : SyncRun.Status.COMPLETED;
        return close(run, status, null);
    }

    /**
     * The run could not complete (Lucca unreadable, database down): nothing after the failure was applied. A run
     * that was interrupted ends as such, with the reason it was stopped.
     */
    public SyncRun fail(SyncRun run, Throwable cause) throws SQLException {
        if (run == null) {
            throw new IllegalStateException("the run could not start: " + FailureReasons.ofRun(cause), cause);
        }
        return run.isGoingOn() ? close(run, SyncRun.Status.FAILED, FailureReasons.ofRun(cause))
                : close(run, SyncRun.Status.INTERRUPTED, run.getInterruption());
    }

    /**
     * Writes the run's end, then frees its lease: never a free lease with the run still RUNNING. When the end cannot
     * be written, the database being down, it is written (and the lease freed) before this replica's next run starts:
     * the history shows how it ended rather than a run another replica would later call interrupted.
     */
    private SyncRun close(SyncRun run, SyncRun.Status status, String failureReason) throws SQLException {
        ScheduledFuture<?> renewing = renewal;
        if (renewing != null) {
            renewing.cancel(false);
        }
        run.finished(status, failureReason, Instant.now());
        try {
            writeEnd(run);
            return run;
        } catch (JdbiException e) {
            unwrittenEnds.add(run);
            String state = e.getCause() instanceof SQLException sql ? sql.getSQLState() : null;
            throw new SQLException("Run #" + run.getId() + " ended " + status + (failureReason == null ? "" : ": " + failureReason)
                    + "; the history records it once the database is back", state, e);
        } finally {
            inProgress.compareAndSet(run, null);
        }
    }

    private void writeUnwrittenEnds() {
        for (SyncRun ended = unwrittenEnds.peek(); ended != null; ended = unwrittenEnds.peek()) {
            writeEnd(ended);
            unwrittenEnds.remove();
        }
    }

    private void writeEnd(SyncRun run) {
        // a run another replica already closed as interrupted stays so
        jdbi.useHandle(db -> {
            Update update = db.createUpdate("UPDATE sync_run SET finished_at = ?, status = ?, failure_reason = ?, "
                    + PROGRESS_COLUMNS + " WHERE id = ? AND status = ?");
            update.bind(0, Timestamp.from(run.getFinishedAt())).bind(1, run.getStatus().name()).bind(2, run.getFailureReason());
            int column = setProgress(update, 3, run);
            update.bind(column++, run.getId()).bind(column, SyncRun.Status.RUNNING.name()).execute();
        });
        lease.release(run.getId());
    }

    /** Binds {@link #PROGRESS_COLUMNS} from {@code column} on (counted from 0); returns the next column. */
    private static int setProgress(SqlStatement<?> update, int column, SyncRun run) {
        DirectoryRead directory = run.getDirectory();
        update.bind(column++, directory.getAnnounced());
        update.bind(column++, directory.isComplete());
        update.bind(column++, directory.getEmployeesRead());
        update.bind(column++, directory.getEmployeesRead() - run.countOf(Outcome.OUT_OF_SCOPE));
        update.bind(column++, directory.getPagesRead());
        update.bind(column++, run.getEmployeesProcessed());
        for (Outcome outcome : Outcome.values()) {
            update.bind(column++, run.countOf(outcome));
        }
        return column;
    }
}
