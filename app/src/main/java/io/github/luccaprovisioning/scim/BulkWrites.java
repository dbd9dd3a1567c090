package io.github.luccaprovisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.sync.decision.Outcome;
import io.github.luccaprovisioning.sync.state.Account;
import io.github.luccaprovisioning.sync.state.ManagerLink;
import io.github.luccaprovisioning.sync.state.PlannedDeactivation;

import java.util.ArrayList;
import java.util.List;

/**
 * The writes one page of employees (or the deactivation pass) needs, gathered from the parallel split that decided
 * them, to go out together in bulk requests once the split is done.
 */
public final class BulkWrites {

    private final BulkLimits limits;
    private final List<BulkWrite> writes = new ArrayList<>();

    private BulkWrites(BulkLimits limits) {
        this.limits = limits;
    }

    /** A new, empty collection when the run writes in bulk, or null when it writes one call each. */
    public static BulkWrites collecting(BulkLimits limits) {
        return limits == null ? null : new BulkWrites(limits);
    }

    /**
     * Adds the write a request to the Users endpoint stands for ({@link BulkWrite#of}), from what the employee's
     * exchange holds: one call where the route would build the write and add it in two, each copying the exchange.
     */
    public static void gather(BulkWrites into, String method, JsonNode employee, Account account, ObjectNode scimUser,
                              String targetId, String changeKey, Outcome outcome, PlannedDeactivation deactivation,
                              ManagerLink managerLink) {
        add(into, BulkWrite.of(method, employee, account, scimUser, targetId, changeKey, outcome, deactivation, managerLink));
    }

    /** Adds a write; called from the split's threads, which share this collection. */
    public static void add(BulkWrites into, BulkWrite write) {
        synchronized (into.writes) {
            into.writes.add(write);
        }
    }

    /** Adds the PATCH of each link of the group whose manager changed (BulkWrite.ofManagerLink), in one call for the group. */
    public static void addManagerLinks(BulkWrites into, List<ManagerLink> links) {
        for (ManagerLink link : links) {
            if (link.changed()) {
                add(into, BulkWrite.ofManagerLink(link));
            }
        }
    }

    public BulkLimits limits() {
        return limits;
    }

    public List<BulkWrite> writes() {
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }
}
