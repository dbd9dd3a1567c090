package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.luccaprovisioning.mapping.ScimUserMapper;
import io.github.luccaprovisioning.sync.decision.ChangeKeys;
import io.github.luccaprovisioning.sync.decision.Outcome;
import io.github.luccaprovisioning.sync.decision.ScopeFilter;
import io.github.luccaprovisioning.sync.state.PageAccounts;

import java.util.ArrayList;
import java.util.List;

/**
 * Sets a page's unchanged employees aside before the parallel split: those whose mapped user and manager give the
 * change key the target last confirmed ({@code synced_employee.change_key}, the one record of what the target
 * holds). They are counted unchanged and processed at once; they cost a hash, not a query or a call. Everyone else
 * goes on to the split: changed, new, out of scope (leave-scope), or failing a check, so that their error is
 * reported there, naming them.
 */
public final class UnchangedEmployees {

    private final ScopeFilter scope;
    private final ScimUserMapper mapper;
    private final DirectoryChecks directoryChecks;

    public UnchangedEmployees(ScopeFilter scope, ScimUserMapper mapper, DirectoryChecks directoryChecks) {
        this.scope = scope;
        this.mapper = mapper;
        this.directoryChecks = directoryChecks;
    }

    /**
     * @param stored what the sync state holds for the page's employees (EmployeeStates.accountsOf)
     * @return the page's employees that need their sync, in Lucca's order
     */
    public List<JsonNode> toSync(SyncRun run, JsonNode page, PageAccounts stored) {
        List<JsonNode> employees = new ArrayList<>(page.size());
        page.forEach(employees::add);
        // an employee's key is mapped and hashed on its own, and that is most of a re-sync's work: on every core
        // (an ordered stream, so the rest keep Lucca's order)
        List<JsonNode> toSync = employees.parallelStream()
                .filter(employee -> !unchanged(run, employee, stored))
                .toList();
        int unchanged = employees.size() - toSync.size();
        run.count(Outcome.UNCHANGED, unchanged);
        run.addEmployeesProcessed(unchanged);
        return toSync;
    }

    private boolean unchanged(SyncRun run, JsonNode employee, PageAccounts stored) {
        String confirmed = stored.confirmedChangeKey(employee);
        return confirmed != null && confirmed.equals(changeKeyIfValid(run, employee));
    }

    /** The employee's change key, or null when they are out of scope or their record fails a check. */
    private String changeKeyIfValid(SyncRun run, JsonNode employee) {
        if (scope.excludes(employee)) {
            return null;
        }
        try {
            String key = ChangeKeys.of(mapper.toScimUser(employee), employee);
            directoryChecks.check(run, employee);
            return key;
        } catch (Exception invalid) {
            // sync-employee meets the same failure and records it with the employee's name
            return null;
        }
    }
}
