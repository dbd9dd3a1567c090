package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.luccaprovisioning.lucca.FieldsRead;
import io.github.luccaprovisioning.lucca.LuccaFields;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who the integration is for: everyone, or only employees of the listed legal entities, departments, cost centers
 * and contract types. Each list takes ids or names (any letter case); an employee must match every list that is
 * set. Someone synced before who falls out of scope is deactivated like a leaver, under the same guard.
 */
public final class ScopeFilter implements FieldsRead {

    private record Criterion(String field, Set<String> accepted) {
    }

    private final List<Criterion> criteria = new ArrayList<>();

    /**
     * Every parameter is an Object because Camel's YAML bean factory passes a setting that looks like a number
     * ("2", a legal entity id) as a number.
     *
     * @param costCenterAxis    lucca.cost-center-axis, needed by a cost-center filter
     * @param contractTypeField lucca.contract-type-field, needed by a contract-type filter (v3 users have no
     *                          contract type of their own: it lives in a custom field of the tenant)
     */
    public ScopeFilter(Object legalEntities, Object departments, Object costCenters, Object contractTypes,
                       Object costCenterAxis, Object contractTypeField) {
        add("legalEntity", text(legalEntities));
        add("department", text(departments));
        if (!accepted(text(costCenters)).isEmpty()) {
            add("userAxisValues_" + require(text(costCenterAxis), "filter.cost-centers", "lucca.cost-center-axis"), text(costCenters));
        }
        if (!accepted(text(contractTypes)).isEmpty()) {
            add(require(text(contractTypeField), "filter.contract-types", "lucca.contract-type-field"), text(contractTypes));
        }
    }

    private static String text(Object setting) {
        return setting == null ? "" : setting.toString();
    }

    private static String require(String setting, String filter, String name) {
        if (setting == null || setting.isBlank()) {
            throw new IllegalArgumentException(filter + " needs " + name + ": the Lucca field it filters on");
        }
        return setting.strip();
    }

    private void add(String field, String list) {
        Set<String> accepted = accepted(list);
        if (!accepted.isEmpty()) {
            criteria.add(new Criterion(field, accepted));
        }
    }

    private static Set<String> accepted(String list) {
        return list == null ? Set.of() : Arrays.stream(list.split(",")).map(value -> value.strip().toLowerCase(Locale.ROOT))
                .filter(value -> !value.isEmpty()).collect(Collectors.toSet());
    }

    public boolean includes(JsonNode employee) {
        return criteria.stream().allMatch(criterion -> matches(LuccaFields.at(employee, criterion.field()), criterion.accepted()));
    }

    public boolean excludes(JsonNode employee) {
        return !includes(employee);
    }

    /** An {id, name} object matches by id or name; a plain value by itself. */
    private static boolean matches(JsonNode value, Set<String> accepted) {
        if (value.isObject()) {
            return accepted.contains(value.path("id").asText("").toLowerCase(Locale.ROOT))
                    || accepted.contains(value.path("name").asText("").strip().toLowerCase(Locale.ROOT));
        }
        return !value.isMissingNode() && !value.isNull() && accepted.contains(value.asText().strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public Collection<String> luccaFields() {
        return criteria.stream().map(Criterion::field).toList();
    }
}
