package io.github.luccaprovisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.lucca.Employment;
import io.github.luccaprovisioning.lucca.InvalidEmployeeException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Maps one Lucca v3 user to a SCIM 2.0 User (RFC 7643 core schema plus the enterprise extension).
 * <p>
 * {@code externalId} is the Lucca id, stable and never reused, so a changed email updates the same account;
 * {@code userName} is the work email. Someone is active up to and including the last day of their contract.
 */
public final class ScimUserMapper {

    public static final String CORE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** RFC 5321's limit for an address. */
    private static final int MAX_EMAIL = 254;
    /** Lucca v5's limit, and what targets' employee id fields take. */
    private static final int MAX_EMPLOYEE_NUMBER = 50;
    /** Longer names are data-entry mistakes, and targets refuse them (Reward Gateway stops at 50). */
    private static final int MAX_NAME = 100;
    private static final int MAX_TITLE = 200;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Clock clock;

    public ScimUserMapper() {
        this(Clock.systemDefaultZone());
    }

    public ScimUserMapper(Clock clock) {
        this.clock = clock;
    }

    public ObjectNode toScimUser(JsonNode employee) {
        String id = text(employee, "id");
        if (!employee.isObject() || id == null) {
            throw new InvalidEmployeeException("read", "the Lucca record has no id: it is not an employee");
        }
        String email = text(employee, "mail");
        if (email == null) {
            throw new InvalidEmployeeException("email missing");
        }
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidEmployeeException("email '" + email + "' is not a valid address");
        }
        String givenName = text(employee, "firstName");
        String familyName = text(employee, "lastName");
        if (givenName == null || familyName == null) {
            throw new InvalidEmployeeException(givenName == null ? "first name missing" : "last name missing");
        }
        requireAtMost("email", email, MAX_EMAIL);
        requireAtMost("first name", givenName, MAX_NAME);
        requireAtMost("last name", familyName, MAX_NAME);
        requireAtMost("employee number", text(employee, "employeeNumber"), MAX_EMPLOYEE_NUMBER);
        requireAtMost("job title", text(employee, "jobTitle"), MAX_TITLE);

        ObjectNode user = NODES.objectNode();
        user.putArray("schemas").add(CORE_SCHEMA).add(ENTERPRISE_SCHEMA);
        user.put("externalId", id);
        user.put("userName", email);
        ObjectNode name = user.putObject("name");
        name.put("givenName", givenName);
        name.put("familyName", familyName);
        name.put("formatted", givenName + " " + familyName);
        user.put("displayName", givenName + " " + familyName);
        user.putArray("emails").addObject().put("value", email).put("type", "work").put("primary", true);
        putIfPresent(user, "title", text(employee, "jobTitle"));
        user.put("active", !Employment.hasLeft(employee, LocalDate.now(clock)));

        ObjectNode enterprise = user.putObject(ENTERPRISE_SCHEMA);
        putIfPresent(enterprise, "employeeNumber", text(employee, "employeeNumber"));
        putIfPresent(enterprise, "department", text(employee.path("department"), "name"));
        putIfPresent(enterprise, "organization", text(employee.path("legalEntity"), "name"));
        return user;
    }

    private static void requireAtMost(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new InvalidEmployeeException(field + " is " + value.length() + " characters long, more than the "
                    + maxLength + " accepted");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static void putIfPresent(ObjectNode target, String field, String value) {
        if (value != null) {
            target.put(field, value);
        }
    }
}
