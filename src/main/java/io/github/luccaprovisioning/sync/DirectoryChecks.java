package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The checks that need the whole read rather than one record: no two employees of a read share an email or an
 * employee number within a legal entity. Each run keeps its own {@link DuplicateIndex}.
 */
public final class DirectoryChecks {

    /** Registers a page of the read, in Lucca's order, before its employees are checked. */
    public void register(SyncRun run, JsonNode page) {
        run.duplicates().register(page);
    }

    /** Throws an {@link io.github.luccaprovisioning.lucca.InvalidEmployeeException} naming the other employee. */
    public void check(SyncRun run, JsonNode employee) {
        run.duplicates().check(employee);
    }
}
