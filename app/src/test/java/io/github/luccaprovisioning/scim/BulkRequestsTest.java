package io.github.luccaprovisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.sync.decision.Outcome;
import io.github.luccaprovisioning.sync.state.PlannedDeactivation;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode user(int id) {
        return JSON.createObjectNode().put("externalId", String.valueOf(id)).put("userName", "user" + id + "@acme.example");
    }

    private static BulkWrite creation(int id) {
        return BulkWrite.creation(JSON.createObjectNode().put("id", id), null, user(id), "key" + id, Outcome.CREATED);
    }

    private static BulkWrites gathered(BulkLimits limits, int count) {
        BulkWrites writes = BulkWrites.collecting(limits);
        for (int i = 0; i < count; i++) {
            BulkWrites.add(writes, creation(1000 + i));
        }
        return writes;
    }

    @Test
    void limitsAreTheSmallerOfTheTargetsAndTheSetting() throws Exception {
        JsonNode config = JSON.readTree("{\"bulk\":{\"supported\":true,\"maxOperations\":1000,\"maxPayloadSize\":1048576}}");

        assertThat(BulkLimits.of(config, "auto", 100)).isEqualTo(new BulkLimits(100, 1048576));
        assertThat(BulkLimits.of(config, "AUTO", 5000)).isEqualTo(new BulkLimits(1000, 1048576));
        assertThat(BulkLimits.of(config, "off", 100)).isNull();
        assertThat(BulkLimits.of(JSON.readTree("{\"bulk\":{\"supported\":false}}"), "auto", 100)).isNull();
        assertThat(BulkLimits.of(null, "auto", 100)).as("a configuration that could not be read").isNull();
        assertThatThrownBy(() -> BulkLimits.of(config, "always", 100)).hasMessageContaining("target.bulk must be auto or off");
        assertThatThrownBy(() -> BulkLimits.of(config, "auto", 0)).hasMessageContaining("target.bulk-size");
        assertThat(BulkWrites.collecting(null)).as("no bulk, nothing gathered").isNull();
    }

    @Test
    void writesAreCutByOperationsAndByBytes() {
        assertThat(BulkRequests.chunks(gathered(new BulkLimits(100, Integer.MAX_VALUE), 250)))
                .extracting(List::size).containsExactly(100, 100, 50);

        long oneOperation = BulkRequests.request(List.of(creation(1000))).toString().length();
        List<List<BulkWrite>> bySize = BulkRequests.chunks(gathered(new BulkLimits(100, (int) (oneOperation * 3)), 10));
        assertThat(bySize).hasSizeGreaterThan(2).allSatisfy(chunk ->
                assertThat((long) BulkRequests.request(chunk).toString().length()).isLessThanOrEqualTo(oneOperation * 3));
        assertThat(bySize.stream().mapToInt(List::size).sum()).isEqualTo(10);
    }

    @Test
    void aRequestCarriesEachWriteWithABulkId() {
        PlannedDeactivation leaver = new PlannedDeactivation(7, "1005", "abc", "left", "k", "01005", "l@acme.example", "Leaver");
        ObjectNode request = BulkRequests.request(List.of(creation(1001),
                BulkWrite.replacement(JSON.createObjectNode(), null, user(1002), "id-2", "k2", Outcome.UPDATED),
                BulkWrite.ofDeactivation(leaver)));

        assertThat(request.path("schemas").get(0).asText()).isEqualTo(BulkRequests.REQUEST_SCHEMA);
        assertThat(request.path("Operations")).extracting(operation -> operation.path("method").asText() + " "
                + operation.path("path").asText() + " " + operation.path("bulkId").asText())
                .containsExactly("POST /Users op1", "PUT /Users/id-2 op2", "PATCH /Users/abc op3");
        assertThat(request.path("Operations").get(0).path("data").path("externalId").asText()).isEqualTo("1001");
        assertThat(request.path("Operations").get(2).path("data").toString()).contains("\"path\":\"active\"", "\"value\":false");
        assertThat(request.has("failOnErrors")).as("every operation is tried").isFalse();
    }

    @Test
    void eachOperationsAnswerIsReadByItsBulkId() throws Exception {
        List<BulkWrite> chunk = new ArrayList<>(List.of(creation(1001), creation(1002), creation(1003),
                BulkWrite.replacement(JSON.createObjectNode(), null, user(1004), "id-4", "k4", Outcome.UPDATED)));
        JsonNode response = JSON.readTree("""
                {"Operations":[
                  {"method":"POST","bulkId":"op2","status":"409","response":{"status":"409","scimType":"uniqueness","detail":"taken"}},
                  {"method":"POST","bulkId":"op1","status":"201","location":"https://t.example/Users/new-1"},
                  {"method":"PUT","status":200,"location":"https://t.example/Users/id-4"},
                  {"method":"POST","bulkId":"op3","status":"400","response":{"status":"400","scimType":"invalidValue","detail":"title too long"}}
                ]}""");

        List<BulkOutcome> outcomes = BulkRequests.outcomes(chunk, response);

        assertThat(outcomes.get(0).isConfirmed()).isTrue();
        assertThat(outcomes.get(0).targetId()).isEqualTo("new-1");
        assertThat(outcomes.get(1).isConflict()).isTrue();
        assertThat(outcomes.get(2).isConfirmed()).isFalse();
        assertThatThrownBy(() -> BulkOutcome.requireConfirmed(outcomes.get(2)))
                .isInstanceOfSatisfying(HttpOperationFailedException.class, failure -> {
                    assertThat(failure.getStatusCode()).isEqualTo(400);
                    assertThat(failure.getResponseBody()).contains("title too long");
                });
        assertThat(outcomes.get(3).isConfirmed()).as("a PUT answered without bulkId, known by its location").isTrue();
        assertThat(outcomes.get(3).targetId()).isEqualTo("id-4");
    }

    @Test
    void anOperationTheAnswerLeftOutIsNotConfirmed() {
        List<BulkOutcome> outcomes = BulkRequests.outcomes(List.of(creation(1001)), JSON.createObjectNode().putArray("Operations"));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.isConfirmed()).isFalse();
            assertThatThrownBy(() -> BulkOutcome.requireConfirmed(outcome)).hasMessageContaining("left out the operation POST /Users");
        });
    }
}
