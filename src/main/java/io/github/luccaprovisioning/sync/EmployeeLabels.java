package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;

/** How a Lucca employee is named in logs, error rows and mails: "#1201 Camille Moreau (00412)". */
public final class EmployeeLabels {

    private EmployeeLabels() {
    }

    public static String of(JsonNode employee) {
        if (employee == null) {
            return "an unidentified Lucca record";
        }
        String id = field(employee, "id", 64);
        String name = field(employee, "name", 200);
        if (name == null) {
            String first = field(employee, "firstName", 100);
            String last = field(employee, "lastName", 100);
            name = first == null && last == null ? null : ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        }
        String number = field(employee, "employeeNumber", 100);
        return "#" + (id == null ? "?" : id) + (name == null ? "" : " " + name) + (number == null ? "" : " (" + number + ")");
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
