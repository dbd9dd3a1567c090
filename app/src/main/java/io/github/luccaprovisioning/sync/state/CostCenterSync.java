package io.github.luccaprovisioning.sync.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.sync.EmployeeLabels;

import java.util.List;

/**
 * One cost center as the target should have it: created when it has no id yet, members assigned when they changed.
 *
 * @param targetId  the target's id of the cost center, or null when it must be created
 * @param memberIds the target ids of the active accounts that carry it, sorted
 */
public record CostCenterSync(String name, String targetId, List<String> memberIds, String membersHash, boolean membersChanged) {

    public CostCenterSync withTargetId(String id) {
        return new CostCenterSync(name, id, memberIds, membersHash, membersChanged);
    }

    /** POST body of the Cost Centers API. */
    public ObjectNode getCreateBody() {
        return JsonNodeFactory.instance.objectNode().put("name", name).put("archived", false);
    }

    /** PUT body that replaces the members; TravelPerk's user ids are numbers. */
    public ObjectNode getMembersBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode ids = body.putArray("user_ids");
        memberIds.forEach(id -> {
            if (id.matches("\\d{1,18}")) {
                ids.add(Long.parseLong(id));
            } else {
                ids.add(id);
            }
        });
        return body;
    }

    /** The cost center named like an employee, for error rows and logs. */
    public ObjectNode getEmployeeRecord() {
        return EmployeeLabels.record(null, "cost center " + name, null, null);
    }
}
