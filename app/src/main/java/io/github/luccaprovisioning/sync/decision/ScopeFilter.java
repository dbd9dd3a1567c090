package io.github.luccaprovisioning.sync.decision;

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
 * set. Someone synced before who falls out of scope is deactivated like a leaver, under the same guard. The lists
 * are the bean's properties (filter.*, in beans.camel.yaml); none set is everyone.
 */
public final class ScopeFilter implements FieldsRead {

    private record Criterion(String field, Set<String> accepted) {
    }

    private String legalEntities = "";
    private String departments = "";
    private String costCenters = "";
    private String contractTypes = "";
    private String costCenterAxis = "";
    private String contractTypeField = "";
    /** The criteria of the settings, built at their first use (the settings are all set by then). */
    private volatile List<Criterion> criteria;

    /** filter.legal-entities: ids or names, comma-separated; empty for any. */
    public void setLegalEntities(String legalEntities) {
        this.legalEntities = legalEntities;
        criteria = null;
    }

    /** filter.departments. */
    public void setDepartments(String departments) {
        this.departments = departments;
        criteria = null;
    }

    /** filter.cost-centers, which needs lucca.cost-center-axis. */
    public void setCostCenters(String costCenters) {
        this.costCenters = costCenters;
        criteria = null;
    }

    /** filter.contract-types, which needs lucca.contract-type-field. */
    public void setContractTypes(String contractTypes) {
        this.contractTypes = contractTypes;
        criteria = null;
    }

    /** lucca.cost-center-axis: the Lucca axis whose value is the cost center. */
    public void setCostCenterAxis(String costCenterAxis) {
        this.costCenterAxis = costCenterAxis;
        criteria = null;
    }

    /**
     * lucca.contract-type-field: v3 users have no contract type of their own, it lives in a custom field of the
     * tenant.
     */
    public void setContractTypeField(String contractTypeField) {
        this.contractTypeField = contractTypeField;
        criteria = null;
    }

    private List<Criterion> criteria() {
        List<Criterion> built = criteria;
        if (built == null) {
            List<Criterion> list = new ArrayList<>();
            add(list, "legalEntity", legalEntities);
            add(list, "department", departments);
            if (!accepted(costCenters).isEmpty()) {
                add(list, "userAxisValues_" + require(costCenterAxis, "filter.cost-centers", "lucca.cost-center-axis"), costCenters);
            }
            if (!accepted(contractTypes).isEmpty()) {
                add(list, require(contractTypeField, "filter.contract-types", "lucca.contract-type-field"), contractTypes);
            }
            built = List.copyOf(list);
            criteria = built;
        }
        return built;
    }

    private static String require(String setting, String filter, String name) {
        if (setting == null || setting.isBlank()) {
            throw new IllegalArgumentException(filter + " needs " + name + ": the Lucca field it filters on");
        }
        return setting.strip();
    }

    private static void add(List<Criterion> criteria, String field, String list) {
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
        return criteria().stream().allMatch(criterion -> matches(LuccaFields.at(employee, criterion.field()), criterion.accepted()));
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
        return criteria().stream().map(Criterion::field).toList();
    }
}
