package io.github.luccaprovisioning.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.luccaprovisioning.lucca.InvalidEmployeeException;
import io.github.luccaprovisioning.mapping.ScimUserMapper;
import io.github.luccaprovisioning.sync.EmployeeLabels;
import io.github.luccaprovisioning.sync.decision.ScopeFilter;

/**
 * --preview: the payloads the target would get for the first employees in scope (or for one employee number),
 * mapped exactly as a sync maps them, so that a mapping is reviewed before anything is published.
 */
public final class PayloadPreview {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ScimUserMapper mapper;
    private final ScopeFilter scope;

    public PayloadPreview(ScimUserMapper mapper, ScopeFilter scope) {
        this.mapper = mapper;
        this.scope = scope;
    }

    /**
     * @param count          how many employees in scope to show (--preview N), or null
     * @param employeeNumber the one employee to show (--preview-employee), or null
     */
    public Preview start(Integer count, String employeeNumber) {
        return new Preview(employeeNumber == null ? (count == null ? 10 : count) : Integer.MAX_VALUE, employeeNumber);
    }

    public void add(Preview preview, JsonNode employee) throws Exception {
        if (!preview.wantsMore() || !scope.includes(employee) || !preview.shows(employee)) {
            return;
        }
        String label = EmployeeLabels.of(employee);
        try {
            preview.add("# " + label + "\n" + JSON.writeValueAsString(mapper.toScimUser(employee)));
        } catch (InvalidEmployeeException invalid) {
            preview.add("# " + label + "\n# not sent: " + invalid.getMessage());
        }
    }
}
