package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;

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

    /** Registers the in-scope employees of a page, in Lucca's order, before they are checked. */
    public void register(SyncRun run, JsonNode page) {
        List<JsonNode> inScope = new ArrayList<>();
        page.forEach(employee -> {
            if (scope.includes(employee)) {
                inScope.add(employee);
            }
        });
        run.duplicates().register(inScope);
    }

    /** Throws an {@link io.github.luccaprovisioning.lucca.InvalidEmployeeException} naming the other employee. */
    public void check(SyncRun run, JsonNode employee) {
        run.duplicates().check(employee);
    }
}
