package io.github.luccaprovisioning.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * One run as the admin API shows it. Times are ISO-8601 in UTC.
 *
 * @param replica           the replica that ran it (sync.replica-name), null for runs from before replicas
 * @param scheduledFor      the scheduled time the schedule started the run for; none for a run started otherwise
 * @param employee          the Lucca id of the one employee a webhook run synced; none for the other runs
 * @param errorFiles        the run's error files ("csv", "xlsx") as API paths, or null when it had none
 * @param heldDeactivations the deactivations the run held for approval; only when one run is asked for
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RunView(long id, String trigger, String scheduledFor, String employee, boolean dryRun, String status, String replica,
                      String startedAt, String finishedAt, String failureReason, Progress progress, Map<String, Integer> counts,
                      Map<String, String> errorFiles,
                      List<HeldDeactivation> heldDeactivations) {

    /**
     * How far the run went.
     *
     * @param pagesRead          Lucca pages read so far; null once the run is over
     * @param employeesAnnounced the total Lucca announced, null until its first page came back
     * @param percent            employees processed of those announced, 100 once the run is over
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Progress(Integer pagesRead, int employeesRead, int employeesProcessed, Integer employeesAnnounced, int percent) {
    }

    /** A deactivation held for approval, with the person it is about. */
    public record HeldDeactivation(String luccaId, String employeeNumber, String name, String email, String targetId, String reason) {
    }

    RunView withHeldDeactivations(List<HeldDeactivation> held) {
        return new RunView(id, trigger, scheduledFor, employee, dryRun, status, replica, startedAt, finishedAt, failureReason, progress,
                counts, errorFiles, held);
    }
}
