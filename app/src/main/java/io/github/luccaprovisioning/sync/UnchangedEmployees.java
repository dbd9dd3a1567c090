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
        List<JsonNode> toSync = new ArrayList<>();
        int unchanged = 0;
        for (JsonNode employee : page) {
            String confirmed = stored.confirmedChangeKey(employee);
            if (confirmed != null && confirmed.equals(changeKeyIfValid(run, employee))) {
                unchanged++;
            } else {
                toSync.add(employee);
            }
        }
        run.count(Outcome.UNCHANGED, unchanged);
        run.addEmployeesProcessed(unchanged);
        return toSync;
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
