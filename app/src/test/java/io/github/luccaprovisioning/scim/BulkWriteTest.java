package io.github.luccaprovisioning.scim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.sync.decision.Outcome;
import io.github.luccaprovisioning.sync.state.ManagerLink;
import io.github.luccaprovisioning.sync.state.PlannedDeactivation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkWriteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode employee = JSON.createObjectNode().put("id", 1001);
    private final ObjectNode user = JSON.createObjectNode().put("externalId", "1001");

    @Test
    void aRequestToTheUsersEndpointIsTheWriteItStandsFor() {
        PlannedDeactivation leaver = new PlannedDeactivation(7, "1005", "abc", "left", "k", "01005", "l@acme.example", "Leaver");
        ManagerLink link = new ManagerLink("1002", "id-2", "01002", "m@acme.example", "Member", "1001", null, "id-1", null);

        assertThat(BulkWrite.of("POST", employee, null, user, null, "k1", Outcome.CREATED, null, null))
                .isEqualTo(BulkWrite.creation(employee, null, user, "k1", Outcome.CREATED));
        assertThat(BulkWrite.of("PUT", employee, null, user, "id-1", "k1", Outcome.UPDATED, null, null))
                .isEqualTo(BulkWrite.replacement(employee, null, user, "id-1", "k1", Outcome.UPDATED));
        assertThat(BulkWrite.of("PATCH", leaver.employeeRecord(), null, null, "abc", null, null, leaver, null))
                .isEqualTo(BulkWrite.ofDeactivation(leaver));
        assertThat(BulkWrite.of("PATCH", link.employeeRecord(), null, null, "id-2", null, null, null, link))
                .isEqualTo(BulkWrite.ofManagerLink(link));
        assertThatThrownBy(() -> BulkWrite.of("DELETE", employee, null, null, "id-1", null, null, null, null))
                .hasMessageContaining("no bulk operation for a DELETE");
    }

    @Test
    void aGatheredWriteJoinsThoseOfItsPageAsTheWriteItStandsFor() {
        BulkLimits limits = new BulkLimits(100, 1_000_000);
        BulkWrites page = BulkWrites.collecting(limits);
        ManagerLink link = new ManagerLink("1002", "id-2", "01002", "m@acme.example", "Member", "1001", null, "id-1", null);

        BulkWrites.gather(page, "POST", employee, null, user, null, "k1", Outcome.CREATED, null, null);
        BulkWrites.gather(page, "PATCH", link.employeeRecord(), null, null, "id-2", null, null, null, link);

        assertThat(page.writes()).containsExactly(BulkWrite.creation(employee, null, user, "k1", Outcome.CREATED),
                BulkWrite.ofManagerLink(link));
        assertThat(page.limits()).isEqualTo(limits);
        assertThat(BulkWrites.collecting(null)).as("no bulk: one call per write").isNull();
    }

    @Test
    void aGroupOfManagerLinksGathersOnlyThoseThatChanged() {
        BulkWrites group = BulkWrites.collecting(new BulkLimits(100, 1_000_000));
        ManagerLink changed = new ManagerLink("1002", "id-2", "01002", "m@acme.example", "Member", "1001", null, "id-1", null);
        ManagerLink unlinkable = new ManagerLink("1003", "id-3", "01003", "n@acme.example", "Other", "1009", null, null,
                "manager #1009 has left: manager left empty");

        BulkWrites.addManagerLinks(group, List.of(changed, unlinkable));

        assertThat(group.writes()).containsExactly(BulkWrite.ofManagerLink(changed));
    }
}
