package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.luccaprovisioning.lucca.Employment;
import io.github.luccaprovisioning.lucca.InvalidEmployeeException;
import io.github.luccaprovisioning.sync.decision.ScopeFilter;

import java.time.LocalDate;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks that need the whole read rather than one record: no two employees of a read share an email or an
 * employee number within a legal entity. Each run keeps its own {@link DuplicateIndex}.
 */
public final class DirectoryChecks {

    private final ScopeFilter scope;

    public DirectoryChecks(ScopeFilter scope) {
        this.scope = scope;
    }

    /**
     * Registers the employees of a page that can hold an account (in scope, not gone), in Lucca's order, before
     * they are checked: a former employee's email or number may be given to someone new.
     */
    public void register(SyncRun run, JsonNode page) {
        List<JsonNode> current = new ArrayList<>();
        page.forEach(employee -> {
            if (scope.includes(employee) && !hasLeft(employee)) {
                current.add(employee);
            }
        });
        run.duplicates().register(current);
    }

    /** Throws an {@link io.github.luccaprovisioning.lucca.InvalidEmployeeException} naming the other employee. */
    public void check(SyncRun run, JsonNode employee) {
        if (!hasLeft(employee)) {
            run.duplicates().check(employee);
        }
    }

    private static boolean hasLeft(JsonNode employee) {
        try {
            return Employment.hasLeft(employee, LocalDate.now());
        } catch (InvalidEmployeeException unreadableDate) {
            return false;
        }
    }
}
