package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.fakes.FakeScimTarget;
import io.github.luccaprovisioning.sync.SyncRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The travelperk profile end to end: its authentication, its extension, and cost centers through its own API. */
class TravelPerkProfileTest {

    @TempDir
    Path folder;

    private static void costCenter(ObjectNode employee, int id, String name) {
        employee.putObject("userAxisValues_4").put("id", id).put("name", name);
    }

    private static List<FakeScimTarget.Request> costCenterCalls(SyncPipeline pipeline) {
        return pipeline.target.requests().stream().filter(request -> request.path().startsWith("/cost_centers")).toList();
    }

    private static String accountOf(SyncPipeline pipeline, String externalId) {
        return pipeline.target.userByExternalId(externalId).get("id").asText();
    }

    @Test
    void costCentersAreCreatedOnceAndTheirMembersAssignedWhenTheyChange() throws Exception {
        List<ObjectNode> directory = LuccaUsers.employees(4);
        costCenter(directory.get(0), 35, "CC-PAR-SALES");
        costCenter(directory.get(1), 35, "CC-PAR-SALES");
        costCenter(directory.get(2), 36, "CC-LYS-OPS");
        costCenter(directory.get(3), 37, "CC-EXISTING");
        Map<String, String> travelperk = Map.of("target.profile", "travelperk", "lucca.cost-center-axis", "4",
                "target.cost-centers-url", SyncPipeline.FAKE_TARGET + "/cost_centers");
        try (SyncPipeline pipeline = SyncPipeline.start(folder, directory, travelperk)) {
            pipeline.target.addAccount(JsonNodeFactory.instance.objectNode().put("userName", "nobody@acme.example"));
            pipeline.target.clearRequests();
            pipeline.target.addCostCenter("CC-EXISTING");

            SyncRun run = pipeline.sync();

            assertThat(run.getStatus()).isEqualTo(SyncRun.Status.COMPLETED);
            assertThat(pipeline.target.requests()).extracting(FakeScimTarget.Request::authorization)
                    .allMatch(authorization -> authorization.equals("ApiKey " + SyncPipeline.TARGET_TOKEN));
            assertThat(costCenterCalls(pipeline).stream().filter(call -> call.method().equals("POST")))
                    .extracting(call -> call.body().path("name").asText()).containsExactlyInAnyOrder("CC-PAR-SALES", "CC-LYS-OPS");
            Map<String, JsonNode> byName = costCentersByName(pipeline);
            assertThat(byName.get("CC-PAR-SALES").path("user_ids")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder(accountOf(pipeline, "1001"), accountOf(pipeline, "1002"));
            assertThat(byName.get("CC-EXISTING").path("user_ids")).extracting(JsonNode::asText).containsExactly(accountOf(pipeline, "1004"));
            assertThat(byName).hasSize(3);
            JsonNode user = pipeline.target.userByExternalId("1001");
            assertThat(user.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").path("costCenter").asText())
                    .isEqualTo("CC-PAR-SALES");

            pipeline.target.clearRequests();
            pipeline.sync();
            assertThat(costCenterCalls(pipeline)).as("nothing changed: no cost-center call").isEmpty();

            costCenter(pipeline.lucca.user(1002), 36, "CC-LYS-OPS");
            pipeline.target.clearRequests();
            pipeline.sync();

            assertThat(costCenterCalls(pipeline)).extracting(FakeScimTarget.Request::method).containsOnly("PUT").hasSize(2);
            assertThat(costCentersByName(pipeline).get("CC-LYS-OPS").path("user_ids")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder(accountOf(pipeline, "1002"), accountOf(pipeline, "1003"));

            costCenter(pipeline.lucca.user(1004), 36, "CC-LYS-OPS");
            pipeline.target.clearRequests();
            pipeline.sync();

            assertThat(costCentersByName(pipeline).get("CC-EXISTING").path("user_ids")).as("its last member left it").isEmpty();
            assertThat(costCentersByName(pipeline).get("CC-LYS-OPS").path("user_ids")).hasSize(3);
            pipeline.target.clearRequests();
            pipeline.sync();
            assertThat(costCenterCalls(pipeline)).as("an emptied cost center is not emptied again").isEmpty();
        }
    }

    private static Map<String, JsonNode> costCentersByName(SyncPipeline pipeline) {
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        pipeline.target.costCenters().forEach(costCenter -> byName.put(costCenter.path("name").asText(), costCenter));
        return byName;
    }
}
