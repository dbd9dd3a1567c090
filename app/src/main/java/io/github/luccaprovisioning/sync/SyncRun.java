package io.github.luccaprovisioning.sync;

import io.github.luccaprovisioning.lucca.DirectoryRead;
import io.github.luccaprovisioning.sync.decision.Outcome;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One sync run as it goes: its id in the run history, the Lucca read's progress and a count per {@link Outcome}.
 * Employees are processed in parallel, so every counter is thread-safe; only the first few problems are kept in
 * memory for the summary, all of them are in the database.
 */
public final class SyncRun {

    /**
     * INTERRUPTED: the run's replica stopped or lost the run lease before the end; the counts are those it had
     * reached, and the next run, on any replica, looks at its employees again.
     */
    public enum Status { RUNNING, COMPLETED, COMPLETED_WITH_ERRORS, FAILED, INTERRUPTED }

    /** The trigger of a webhook run: the sync of the one employee a Lucca webhook was about. */
    public static final String WEBHOOK = "webhook";

    static final int PROBLEMS_IN_SUMMARY = 10;

    private final long id;
    private final String trigger;
    private final RunOptions options;
    private final Instant startedAt;
    private final DirectoryRead directory;
    private final Map<Outcome, AtomicInteger> counts = new EnumMap<>(Outcome.class);
    private final List<String> firstProblems = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final DuplicateIndex duplicates = new DuplicateIndex();
    private final AtomicInteger employeesProcessed = new AtomicInteger();
    private final Map<String, String> accountsRecorded = new ConcurrentHashMap<>();
    private volatile Status status = Status.RUNNING;
    private volatile String failureReason;
    private volatile Instant finishedAt;
    private volatile Path errorFile;
    private volatile String interruption;

    public SyncRun(long id, String trigger, RunOptions options, Instant startedAt, DirectoryRead directory) {
        this.id = id;
        this.trigger = trigger;
        this.options = options;
        this.startedAt = startedAt;
        this.directory = directory;
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new AtomicInteger());
        }
    }

    public void count(Outcome outcome) {
        count(outcome, 1);
    }

    public void count(Outcome outcome, int howMany) {
        counts.get(outcome).addAndGet(howMany);
    }

    public int countOf(Outcome outcome) {
        return counts.get(outcome).get();
    }

    /** One more employee of the read went through its sync, whatever its outcome: the run's progress. */
    public void employeeProcessed() {
        addEmployeesProcessed(1);
    }

    public void addEmployeesProcessed(int howMany) {
        employeesProcessed.addAndGet(howMany);
    }

    public int getEmployeesProcessed() {
        return employeesProcessed.get();
    }

    /**
     * The target confirmed this employee's active account, one call at a time, and the run recorded it: a new member
     * whose manager got an account earlier in the run is created with the link, with no query (the accounts of earlier
     * runs are in each page's read, PageAccounts).
     */
    public void accountRecorded(String luccaId, String targetId) {
        accountsRecorded.put(luccaId, targetId);
    }

    /** The account {@link #accountRecorded} for this employee, or null. */
    public String accountRecordedFor(String luccaId) {
        return accountsRecorded.get(luccaId);
    }

    /** A remark on the whole run, shown in the summary (deactivations held, an incomplete read). */
    public void note(String remark) {
        notes.add(remark);
    }

    void problem(Outcome outcome, Failure failure) {
        count(outcome);
        if (firstProblems.size() < PROBLEMS_IN_SUMMARY) {
            String kind = outcome == Outcome.WARNING ? "warning: " : "";
            firstProblems.add(failure.employee() + ": " + kind + failure.reason());
        }
    }

    /**
     * Stops the run where it is: no employee, page or pass starts after this, because another replica may run a
     * sync by now. The run ends as {@link Status#INTERRUPTED} with this reason.
     */
    void interrupt(String reason) {
        if (interruption == null) {
            interruption = reason;
        }
    }

    /** False once the run was interrupted: what is left of it is not done. */
    public boolean isGoingOn() {
        return interruption == null;
    }

    String getInterruption() {
        return interruption;
    }

    /** The run's error file, once written, or null. */
    public Path getErrorFile() {
        return errorFile;
    }

    public void setErrorFile(Path errorFile) {
        this.errorFile = errorFile;
    }

    DuplicateIndex duplicates() {
        return duplicates;
    }

    void finished(Status status, String failureReason, Instant at) {
        this.status = status;
        this.failureReason = failureReason;
        this.finishedAt = at;
    }

    public long getId() {
        return id;
    }

    public String getTrigger() {
        return trigger;
    }

    /** A dry run plans and counts everything and changes nothing: no target writes, no stored state. */
    public boolean isDryRun() {
        return options.dryRun();
    }

    /** Whether someone approved this run's deactivations beyond the guard's limits. */
    public boolean isApproveDeactivations() {
        return options.approveDeactivations();
    }

    /** The run whose held deactivations this run was asked to let through, or null. */
    public Long getApprovedRunId() {
        return options.approvedRunId();
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public DirectoryRead getDirectory() {
        return directory;
    }

    public Status getStatus() {
        return status;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public boolean isFailed() {
        return status == Status.FAILED;
    }

    /** Errors and warnings of the run: what its error file lists. */
    public int getProblemCount() {
        return countOf(Outcome.FAILED) + countOf(Outcome.WARNING);
    }

    /** The first errors and warnings, for the summary; all of them are in the run's error file. */
    public List<String> getFirstProblems() {
        return List.copyOf(firstProblems);
    }

    public List<String> getNotes() {
        return List.copyOf(notes);
    }

    public String getSubject() {
        String title = (isDryRun() ? "[DRY RUN] " : "") + "Lucca sync #" + id + " " + statusText();
        if (isFailed()) {
            return title;
        }
        String subject = title + ": " + countOf(Outcome.CREATED) + " created, " + countOf(Outcome.UPDATED) + " updated, "
                + countOf(Outcome.DEACTIVATED) + " deactivated, " + countOf(Outcome.FAILED) + " failed";
        int held = countOf(Outcome.HELD_FOR_APPROVAL);
        return held == 0 ? subject : subject + ", " + held + " held for approval";
    }

    /** The run summary as plain text, for the console, the log and the summary mail. */
    public String getSummary() {
        StringBuilder text = new StringBuilder();
        text.append(isDryRun() ? "DRY RUN: nothing below was changed in the target.\n" : "");
        text.append("Lucca sync #").append(id).append(" (").append(trigger).append("): ").append(statusText()).append('\n');
        if (failureReason != null) {
            text.append("Reason: ").append(failureReason).append('\n');
        }
        Integer announced = directory.getAnnounced();
        text.append(String.format("  %-40s %d%s%n", "read from Lucca", directory.getEmployeesRead(),
                announced == null ? "" : " of " + announced + " announced, " + directory.getPagesRead() + " page(s)"));
        for (Outcome outcome : Outcome.values()) {
            text.append(String.format("  %-40s %d%n", outcome.label(), countOf(outcome)));
        }
        if (finishedAt != null) {
            text.append(String.format("  %-40s %.1f s%n", "duration", Duration.between(startedAt, finishedAt).toMillis() / 1000.0));
        }
        synchronized (notes) {
            notes.forEach(note -> text.append(note).append('\n'));
        }
        synchronized (firstProblems) {
            if (!firstProblems.isEmpty()) {
                text.append("First problems:\n");
                firstProblems.forEach(line -> text.append("  - ").append(line).append('\n'));
            }
        }
        if (errorFile != null) {
            text.append("Error file: ").append(errorFile).append('\n');
        }
        return text.toString();
    }

    private String statusText() {
        return status.name().toLowerCase().replace('_', ' ');
    }
}
