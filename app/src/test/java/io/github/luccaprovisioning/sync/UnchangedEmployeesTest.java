package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.LuccaUsers;
import io.github.luccaprovisioning.lucca.DirectoryRead;
import io.github.luccaprovisioning.mapping.ScimUserMapper;
import io.github.luccaprovisioning.mapping.TargetProfile;
import io.github.luccaprovisioning.mapping.TargetSettings;
import io.github.luccaprovisioning.sync.decision.ChangeKeys;
import io.github.luccaprovisioning.sync.decision.Outcome;
import io.github.luccaprovisioning.sync.decision.ScopeFilter;
import io.github.luccaprovisioning.sync.state.PageAccounts;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnchangedEmployeesTest {

    private final ScopeFilter onlySales = onlySales();
    private final ScimUserMapper mapper = mapper();
    private final UnchangedEmployees unchangedEmployees = new UnchangedEmployees(onlySales, mapper, new DirectoryChecks(onlySales));
    private final SyncRun run = new SyncRun(1, "manual", new RunOptions(false, false), Instant.now(), new DirectoryRead(10));

    @Test
    void anEmployeeWhoseKeyIsTheConfirmedOneIsCountedUnchangedAndNotSynced() throws Exception {
        ObjectNode same = LuccaUsers.employee(1, "Camille", "Moreau");
        ObjectNode changed = LuccaUsers.employee(2, "Hugo", "Lefebvre");
        ObjectNode unknown = LuccaUsers.employee(3, "Lina", "Garcia");
        Map<String, String> confirmed = new HashMap<>(Map.of("1", keyOf(same), "2", keyOf(changed)));
        changed.put("jobTitle", "Sales Director");

        List<JsonNode> toSync = unchangedEmployees.toSync(run, page(same, changed, unknown), stored(confirmed));

        assertThat(toSync).extracting(employee -> employee.path("id").asInt()).containsExactly(2, 3);
        assertThat(run.countOf(Outcome.UNCHANGED)).isEqualTo(1);
        assertThat(run.getEmployeesProcessed()).as("the run's progress counts them done with").isEqualTo(1);
    }

    @Test
    void aNewManagerIsAChange() throws Exception {
        ObjectNode employee = LuccaUsers.employee(1, "Camille", "Moreau");
        Map<String, String> confirmed = Map.of("1", keyOf(employee));
        employee.putObject("manager").put("id", 9);

        assertThat(unchangedEmployees.toSync(run, page(employee), stored(confirmed))).hasSize(1);
    }

    @Test
    void whoLeftTheScopeOrNowFailsACheckGoesOnToTheSyncWhereTheirCaseIsHandled() throws Exception {
        ObjectNode outOfScope = LuccaUsers.employee(1, "Camille", "Moreau");
        ObjectNode noEmail = LuccaUsers.employee(2, "Hugo", "Lefebvre");
        ObjectNode duplicate = LuccaUsers.employee(4, "Lina", "Garcia");
        Map<String, String> confirmed = Map.of("1", keyOf(outOfScope), "2", keyOf(noEmail), "4", keyOf(duplicate));
        outOfScope.putObject("department").put("id", 18).put("name", "Finance");
        noEmail.putNull("mail");
        ObjectNode earlierWithTheSameEmail = LuccaUsers.employee(3, "Ana", "Garcia").put("mail", duplicate.path("mail").asText());
        ArrayNode page = page(outOfScope, noEmail, earlierWithTheSameEmail, duplicate);
        new DirectoryChecks(onlySales).register(run, page);

        List<JsonNode> toSync = unchangedEmployees.toSync(run, page, stored(confirmed));

        assertThat(toSync).extracting(employee -> employee.path("id").asInt()).containsExactly(1, 2, 3, 4);
        assertThat(run.countOf(Outcome.UNCHANGED)).isZero();
    }

    private String keyOf(ObjectNode employee) throws Exception {
        return ChangeKeys.of(mapper.toScimUser(employee), employee);
    }

    private static ArrayNode page(ObjectNode... employees) {
        ArrayNode page = JsonNodeFactory.instance.arrayNode();
        for (ObjectNode employee : employees) {
            page.add(employee);
        }
        return page;
    }

    private static ScopeFilter onlySales() {
        ScopeFilter filter = new ScopeFilter();
        filter.setDepartments("Sales");
        return filter;
    }

    private static ScimUserMapper mapper() {
        try {
            TargetSettings settings = new TargetSettings();
            settings.setBaseUrl("https://target.example/scim/v2");
            settings.setToken("token");
            ScimUserMapper mapper = new ScimUserMapper(new TargetProfile(settings));
            mapper.setCamelContext(new DefaultCamelContext());
            return mapper;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PageAccounts stored(Map<String, String> confirmedKeys) {
        return new PageAccounts(confirmedKeys, Map.of(), Map.of());
    }
}
