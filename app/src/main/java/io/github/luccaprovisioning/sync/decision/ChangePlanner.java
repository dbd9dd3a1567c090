package io.github.luccaprovisioning.sync.decision;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.luccaprovisioning.lucca.Employment;
import io.github.luccaprovisioning.sync.state.Account;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Decides what a changed employee needs in the target, from their Lucca contract dates and the account they may
 * already have. Deciding is all it does: no call, no state, so every lifecycle rule is testable on its own.
 */
public final class ChangePlanner {

    public enum Action {
        /** No account yet and employed (or starting soon): look for an existing account, else create one. */
        CREATE(Outcome.CREATED),
        /** Active account, employee changed: send the new version. */
        UPDATE(Outcome.UPDATED),
        /** Inactive account, employed again: the same account becomes active. */
        REACTIVATE(Outcome.REACTIVATED),
        /** Active account, contract ended: deactivate, subject to the deprovisioning guard. */
        DEACTIVATE(Outcome.DEACTIVATED),
        /** No active account and the contract starts later than sync.days-before-start from today. */
        NOT_STARTED_YET(Outcome.NOT_STARTED_YET),
        /** No longer employed and never seen by the sync: look for an account left active in the target. */
        CHECK_LEAVER(Outcome.SKIPPED),
        /** No active account and no longer employed: nothing to do. */
        SKIP(Outcome.SKIPPED);

        private final Outcome outcome;

        Action(Outcome outcome) {
            this.outcome = outcome;
        }

        /** How the employee is counted once the action is done (or, in a dry run, would be done). */
        public Outcome getOutcome() {
            return outcome;
        }
    }

    private final Clock clock;
    private final int daysBeforeStart;

    public ChangePlanner(int daysBeforeStart) {
        this(Clock.systemDefaultZone(), daysBeforeStart);
    }

    public ChangePlanner(Clock clock, int daysBeforeStart) {
        if (daysBeforeStart < 0) {
            throw new IllegalArgumentException("sync.days-before-start cannot be negative, not " + daysBeforeStart);
        }
        this.clock = clock;
        this.daysBeforeStart = daysBeforeStart;
    }

    /**
     * @param account the sync state of this employee: null when the sync never saw them; a null targetId when
     *                it saw them and found no account
     */
    public Action plan(Account account, JsonNode employee) {
        LocalDate today = LocalDate.now(clock);
        boolean hasActiveAccount = account != null && account.active();
        if (Employment.hasLeft(employee, today)) {
            if (account == null) {
                return Action.CHECK_LEAVER;
            }
            return hasActiveAccount ? Action.DEACTIVATE : Action.SKIP;
        }
        if (hasActiveAccount) {
            return Action.UPDATE;
        }
        LocalDate start = Employment.contractStart(employee);
        if (start != null && start.isAfter(today.plusDays(daysBeforeStart))) {
            return Action.NOT_STARTED_YET;
        }
        return account == null || account.targetId() == null ? Action.CREATE : Action.REACTIVATE;
    }
}
