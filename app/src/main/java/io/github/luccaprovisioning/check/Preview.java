package io.github.luccaprovisioning.check;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The payloads a --preview collected so far. */
public final class Preview {

    private final int wanted;
    private final String employeeNumber;
    private final List<String> payloads = new ArrayList<>();

    Preview(int wanted, String employeeNumber) {
        this.wanted = wanted;
        this.employeeNumber = employeeNumber;
    }

    public boolean wantsMore() {
        return payloads.size() < wanted && !(employeeNumber != null && !payloads.isEmpty());
    }

    boolean shows(JsonNode employee) {
        return employeeNumber == null || employeeNumber.equals(employee.path("employeeNumber").asText("").strip());
    }

    void add(String payload) {
        payloads.add(payload);
    }

    public String getText() {
        if (payloads.isEmpty()) {
            return employeeNumber == null ? "No employee in scope.\n" : "No employee in scope has the number " + employeeNumber + ".\n";
        }
        return String.join("\n", payloads) + "\n";
    }
}
