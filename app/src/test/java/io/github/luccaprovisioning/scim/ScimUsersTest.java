package io.github.luccaprovisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.mapping.ScimUserMapper;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScimUsersTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectNode camille = JsonNodeFactory.instance.objectNode()
            .put("externalId", "1201").put("userName", "camille+travel@acme.example");

    private JsonNode listOf(String... users) throws Exception {
        return json.readTree("{\"totalResults\":" + users.length + ",\"Resources\":[" + String.join(",", users) + "]}");
    }

    @Test
    void filtersAreEncodedSoAPlusInAnEmailStaysAPlus() {
        String query = ScimUsers.userNameFilter(camille);

        assertThat(query).doesNotContain("+travel").doesNotContain(" ");
        assertThat(URLDecoder.decode(query.substring("filter=".length()), StandardCharsets.UTF_8))
                .isEqualTo("userName eq \"camille+travel@acme.example\"");
        assertThat(URLDecoder.decode(ScimUsers.externalIdFilter(camille), StandardCharsets.UTF_8))
                .isEqualTo("filter=externalId eq \"1201\"");
    }

    @Test
    void theLookUpWithOrAsksForTheLuccaIdOrTheEmail() {
        assertThat(URLDecoder.decode(ScimUsers.lookupFilter(camille), StandardCharsets.UTF_8))
                .isEqualTo("filter=externalId eq \"1201\" or userName eq \"camille+travel@acme.example\"");
    }

    @Test
    void theAccountProvisionedForTheLuccaIdWinsOverAnotherWithTheSameEmail() throws Exception {
        JsonNode both = listOf("{\"id\":\"other\",\"userName\":\"camille+travel@acme.example\"}", "{\"id\":\"theirs\",\"externalId\":\"1201\"}");

        assertThat(ScimUsers.adoptableAccount(both, camille, null).get("id").asText()).isEqualTo("theirs");
        assertThat(ScimUsers.adoptableAccount(both, camille, true).get("id").asText()).isEqualTo("theirs");
    }

    @Test
    void anAccountWithoutOwnerOrOwnedByTheSameEmployeeIsAdoptable() throws Exception {
        assertThat(ScimUsers.adoptableAccount(listOf("{\"id\":\"a\"}"), camille, null).get("id").asText()).isEqualTo("a");
        assertThat(ScimUsers.adoptableAccount(listOf("{\"id\":\"a\",\"externalId\":\"1201\"}"), camille, null)).isNotNull();
        assertThat(ScimUsers.adoptableAccount(listOf(), camille, null)).isNull();
    }

    @Test
    void anotherEmployeesAccountIsNeverTakenOver() throws Exception {
        JsonNode someoneElses = listOf("{\"id\":\"a\",\"externalId\":\"1188\"}");

        assertThatThrownBy(() -> ScimUsers.adoptableAccount(someoneElses, camille, false))
                .isInstanceOf(AccountConflictException.class).hasMessageContaining("#1188");
        assertThat(ScimUsers.adoptableAccount(someoneElses, camille, true)).as("for a leaver: simply not theirs").isNull();
    }

    @Test
    void severalMatchesNeedAPerson() throws Exception {
        assertThatThrownBy(() -> ScimUsers.adoptableAccount(listOf("{\"id\":\"a\"}", "{\"id\":\"b\"}"), camille, null))
                .isInstanceOf(AccountConflictException.class).hasMessageContaining("2 target accounts");
        assertThatThrownBy(() -> ScimUsers.adoptableAccount(listOf("{\"id\":\"a\",\"externalId\":\"1201\"}",
                "{\"id\":\"b\",\"externalId\":\"1201\"}"), camille, null))
                .as("two accounts for the same Lucca id").isInstanceOf(AccountConflictException.class);
    }

    @Test
    void aPutKeepsTheManagerLinkAndLeavesTheMappedUserUntouched() {
        ObjectNode user = camille.deepCopy();
        user.putObject(ScimUserMapper.ENTERPRISE_SCHEMA);

        ObjectNode withManager = ScimUsers.withManager(user, "m-1");

        assertThat(withManager.path(ScimUserMapper.ENTERPRISE_SCHEMA).path("manager").path("value").asText()).isEqualTo("m-1");
        assertThat(user.path(ScimUserMapper.ENTERPRISE_SCHEMA).has("manager")).isFalse();
        assertThat(ScimUsers.withManager(user, null)).isSameAs(user);
    }

    @Test
    void patchBodiesFollowRfc7644() {
        assertThat(ScimUsers.deactivation().toString()).isEqualTo(
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}");
        assertThat(ScimUsers.managerLink(null).path("Operations").get(0).path("op").asText()).isEqualTo("remove");
        assertThat(ScimUsers.managerLink("m-1").path("Operations").get(0).path("value").path("value").asText()).isEqualTo("m-1");
    }
}
