package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How a Lucca employee is named in logs, error rows and mails: "#1201 Camille Moreau (00412)". */
public final class EmployeeLabels {

    private EmployeeLabels() {
    }

    public static String of(JsonNode employee) {
        if (employee == null) {
            return "an unidentified Lucca record";
        }
        String id = field(employee, "id", 64);
        String name = name(employee, 200);
        String number = field(employee, "employeeNumber", 100);
        return "#" + (id == null ? "?" : id) + (name == null ? "" : " " + name) + (number == null ? "" : " (" + number + ")");
    }

    /** A Lucca-shaped record of someone known only from the sync state, so they are named like everyone else. */
    public static ObjectNode record(String luccaId, String displayName, String employeeNumber, String email) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("id", luccaId);
        record.put("name", displayName);
        record.put("employeeNumber", employeeNumber);
        record.put("mail", email);
        return record;
    }

    /** Lucca's full name, or first and last name when the record has no {@code name}. */
    static String name(JsonNode employee, int maxLength) {
        String name = field(employee, "name", maxLength);
        if (name != null) {
            return name;
        }
        String first = field(employee, "firstName", maxLength);
        String last = field(employee, "lastName", maxLength);
        if (first == null && last == null) {
            return null;
        }
        String joined = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return joined.length() <= maxLength ? joined : joined.substring(0, maxLength);
    }

    static String field(JsonNode employee, String field, int maxLength) {
        JsonNode value = employee == null ? null : employee.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            return null;
        }
        return text.length() <= maxLength ? text : text.substring(0, maxLength);
    }
}
