package io.github.luccaprovisioning.admin;

import io.github.luccaprovisioning.lucca.DirectoryRead;
import io.github.luccaprovisioning.report.ErrorFiles;
import io.github.luccaprovisioning.sync.RunRecorder;
import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.decision.Outcome;
import io.github.luccaprovisioning.sync.state.AutomaticSync;
import io.github.luccaprovisioning.sync.state.DeactivationPlans;

import org.jdbi.v3.core.Jdbi;

import java.io.File;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The import history as the admin API serves it, from {@code sync_run}: the same on every replica. This replica's
 * run in progress comes from memory, ahead of the progress it writes to the database for the others.
 */
public final class RunHistory {

    /** The most held deactivations one run's page lists; the error file and the mail say the same. */
    static final int HELD_LISTED = 500;

    private final Jdbi jdbi;
    private final RunRecorder recorder;
    private final ErrorFiles errorFiles;
    private final DeactivationPlans deactivations;
    private final AutomaticSync automaticSync;

    public RunHistory(Jdbi jdbi, RunRecorder recorder, ErrorFiles errorFiles, DeactivationPlans deactivations,
                      AutomaticSync automaticSync) {
        this.jdbi = jdbi;
        this.recorder = recorder;
        this.errorFiles = errorFiles;
        this.deactivations = deactivations;
        this.automaticSync = automaticSync;
    }

    /** A page of the history, newest run first, and whether the schedule adds to it; as a query string asks for it. */
    public RunsPage page(String page, String size) {
        return page(Paging.of(page, size, 20));
    }

    /** The newest runs, as many as asked up to {@link Paging#MAX_SIZE} (lucca:history in Karaf). */
    public RunsPage newest(int count) {
        return page(new Paging(0, Math.max(1, Math.min(count, Paging.MAX_SIZE))));
    }

    private RunsPage page(Paging paging) {
        return jdbi.withHandle(db -> {
            List<RunView> runs = db.createQuery("SELECT * FROM sync_run ORDER BY id DESC LIMIT ? OFFSET ?")
                    .bind(0, paging.size()).bind(1, paging.offset()).map((row, context) -> view(row)).list();
            long total = db.createQuery("SELECT COUNT(*) FROM sync_run").mapTo(long.class).one();
            return new RunsPage(paging.page(), paging.size(), total, automaticSync.isOn(), runs);
        });
    }

    /** One run, with the deactivations it held for approval. */
    public RunView run(long id) {
        RunView run = jdbi.withHandle(db -> db.createQuery("SELECT * FROM sync_run WHERE id = ?").bind(0, id)
                        .map((row, context) -> view(row)).findOne())
                .orElseThrow(() -> new NotFoundException("There is no run #" + id));
        return run.withHeldDeactivations(held(id));
    }

    /**
     * The run whose held deactivations can be approved: the newest run, finished, not a dry run, with some held.
     * An older run's are out of date: the newest run planned them again, or found them back in Lucca. Webhook runs,
     * each about one employee, are left out: a full run's held deactivations stay approvable after them, and what a
     * webhook run held is planned again by the next full run.
     */
    public long approvable(long id) {
        recorder.refuseWhileRunning();
        Optional<Newest> newest = jdbi.withHandle(db -> db.createQuery("SELECT id, dry_run, held_for_approval_count FROM sync_run "
                        + "WHERE run_trigger <> '" + SyncRun.WEBHOOK + "' ORDER BY id DESC LIMIT 1")
                .map((row, context) -> new Newest(row.getLong(1), row.getBoolean(2), row.getInt(3))).findFirst());
        if (newest.isEmpty() || newest.get().id() != id) {
            throw new DeactivationsNotApprovableException("Only the newest run's held deactivations can be approved, and run #" + id
                    + " is not the newest: look at the newest run's");
        }
        if (newest.get().dryRun() || newest.get().held() == 0) {
            throw new DeactivationsNotApprovableException("Run #" + id + " held no deactivations for approval");
        }
        return id;
    }

    private record Newest(long id, boolean dryRun, int held) {
    }

    /** The run's CSV error file, for a download. */
    public File csvFile(long id) {
        return errorFiles.csvOf(id).map(Path::toFile).orElseThrow(() -> new NotFoundException("Run #" + id + " has no error file"));
    }

    /** The run's XLSX error file, for a download. */
    public File xlsxFile(long id) {
        return errorFiles.xlsxOf(id).map(Path::toFile).orElseThrow(() -> new NotFoundException("Run #" + id + " has no XLSX error file"));
    }

    private RunView view(ResultSet row) throws SQLException {
        long id = row.getLong("id");
        String replica = row.getString("replica");
        String scheduledFor = time(row.getTimestamp("scheduled_for"));
        SyncRun current = recorder.currentRun();
        if (current != null && current.getId() == id) {
            return inProgress(current, scheduledFor, replica);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            counts.put(key(outcome), row.getInt(outcome.name().toLowerCase() + "_count"));
        }
        int read = row.getInt("read_count");
        Integer announced = (Integer) row.getObject("lucca_announced");
        String status = row.getString("status");
        RunView.Progress progress = switch (SyncRun.Status.valueOf(status)) {
            case RUNNING -> running((Integer) row.getObject("pages_read"), read, row.getInt("processed_count"), announced);
            case INTERRUPTED -> new RunView.Progress(null, read, row.getInt("processed_count"), announced, 100);
            default -> new RunView.Progress(null, read, read, announced, 100);
        };
        return new RunView(id, row.getString("run_trigger"), scheduledFor, row.getString("lucca_id"), row.getBoolean("dry_run"), status, replica,
                time(row.getTimestamp("started_at")), time(row.getTimestamp("finished_at")), row.getString("failure_reason"),
                progress, counts, files(id), null);
    }

    private static RunView inProgress(SyncRun run, String scheduledFor, String replica) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            counts.put(key(outcome), run.countOf(outcome));
        }
        DirectoryRead directory = run.getDirectory();
        // the run is marked ended a moment before this replica forgets it: an ended run reads 100%, never 99%
        RunView.Progress progress = run.getStatus() == SyncRun.Status.RUNNING
                ? running(directory.getPagesRead(), directory.getEmployeesRead(), run.getEmployeesProcessed(), directory.getAnnounced())
                : new RunView.Progress(null, directory.getEmployeesRead(), run.getEmployeesProcessed(), directory.getAnnounced(), 100);
        return new RunView(run.getId(), run.getTrigger(), scheduledFor, directory.getEmployeeId(), run.isDryRun(), run.getStatus().name(), replica,
                run.getStartedAt().toString(), null, null, progress, counts, null, null);
    }

    private static RunView.Progress running(Integer pagesRead, int read, int processed, Integer announced) {
        // the passes after the read (deactivations, managers) still come: 99% at most until the run has ended
        int percent = announced == null || announced == 0 ? 0 : Math.min(99, processed * 100 / announced);
        return new RunView.Progress(pagesRead, read, processed, announced, percent);
    }

    private Map<String, String> files(long id) {
        Map<String, String> files = new LinkedHashMap<>();
        errorFiles.csvOf(id).ifPresent(csv -> files.put("csv", "/api/runs/" + id + "/errors.csv"));
        errorFiles.xlsxOf(id).ifPresent(xlsx -> files.put("xlsx", "/api/runs/" + id + "/errors.xlsx"));
        return files.isEmpty() ? null : files;
    }

    private List<RunView.HeldDeactivation> held(long id) {
        return deactivations.held(id, HELD_LISTED).stream().map(held -> new RunView.HeldDeactivation(held.luccaId(),
                held.employeeNumber(), held.displayName(), held.userName(), held.targetId(), held.reason())).toList();
    }

    /** created, notStartedYet...: the outcome's name in camel case; warnings in the plural, like the summary. */
    static String key(Outcome outcome) {
        if (outcome == Outcome.WARNING) {
            return "warnings";
        }
        StringBuilder key = new StringBuilder();
        for (String word : outcome.name().toLowerCase().split("_")) {
            key.append(key.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return key.toString();
    }

    static String time(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }

    /**
     * A page of the import history.
     *
     * @param automaticSync whether the schedule starts runs (automatic sync on), or only people do
     */
    public record RunsPage(int page, int size, long total, boolean automaticSync, List<RunView> runs) {
    }
}
