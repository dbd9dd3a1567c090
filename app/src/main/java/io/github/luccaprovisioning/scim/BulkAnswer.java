package io.github.luccaprovisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.sync.decision.Outcome;
import io.github.luccaprovisioning.sync.state.ManagerLink;

import java.util.ArrayList;
import java.util.List;

/**
 * The target's answer to one bulk request, each operation paired with its write ({@link BulkRequests#outcomes}),
 * sorted by what the sync does with it next: the creations, replacements and manager links it confirmed are recorded
 * together, one batch for the request; the rest (an operation that failed, a creation refused as a duplicate, a
 * deactivation) goes one by one, as after a single call.
 */
public final class BulkAnswer {

    private final List<BulkOutcome> synced = new ArrayList<>();
    private final List<ManagerLink> managersLinked = new ArrayList<>();
    private final List<BulkOutcome> oneByOne = new ArrayList<>();

    private BulkAnswer(List<BulkOutcome> outcomes) {
        for (BulkOutcome outcome : outcomes) {
            BulkWrite write = outcome.write();
            if (!outcome.isConfirmed() || write.deactivation() != null) {
                oneByOne.add(outcome);
            } else if (write.managerLink() != null) {
                managersLinked.add(write.managerLink());
            } else {
                synced.add(outcome);
            }
        }
    }

    public static BulkAnswer of(List<BulkWrite> chunk, JsonNode bulkResponse) {
        return new BulkAnswer(BulkRequests.outcomes(chunk, bulkResponse));
    }

    /** The employees' creations and replacements the target confirmed. */
    public List<BulkOutcome> synced() {
        return synced;
    }

    /** The manager links the target confirmed. */
    public List<ManagerLink> managersLinked() {
        return managersLinked;
    }

    /** The operations that failed, the creations refused as duplicates, and the deactivations. */
    public List<BulkOutcome> oneByOne() {
        return oneByOne;
    }

    /** The users whose account this answer created: each gets the welcome mail. */
    public List<ObjectNode> newMembers() {
        return synced.stream().filter(outcome -> outcome.write().outcome() == Outcome.CREATED)
                .map(outcome -> outcome.write().scimUser()).toList();
    }
}
