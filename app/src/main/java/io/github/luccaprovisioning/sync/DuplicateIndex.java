package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.luccaprovisioning.lucca.InvalidEmployeeException;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What must be unique across one Lucca read: the work email (regardless of case, as targets match userName) and the
 * employee number within a legal entity. The first employee in Lucca's id order keeps the value; anyone after them
 * with the same value is refused, whichever finishes first in the parallel split.
 */
final class DuplicateIndex {

    private final Map<String, String> emailOwners = new ConcurrentHashMap<>();
    private final Map<String, String> numberOwners = new ConcurrentHashMap<>();

    /** Registers a page in Lucca's order, before its employees are processed in parallel. */
    void register(Iterable<JsonNode> page) {
        for (JsonNode employee : page) {
            String id = employee.path("id").asText(null);
            if (id == null) {
                continue;
            }
            String email = emailKey(employee);
            if (email != null) {
                emailOwners.putIfAbsent(email, id);
            }
            String number = numberKey(employee);
            if (number != null) {
                numberOwners.putIfAbsent(number, id);
            }
        }
    }

    void check(JsonNode employee) {
        String id = employee.path("id").asText();
        String email = emailKey(employee);
        String emailOwner = email == null ? null : emailOwners.get(email);
        if (emailOwner != null && !emailOwner.equals(id)) {
            throw new InvalidEmployeeException("email " + employee.path("mail").asText().strip()
                    + " is also used by employee #" + emailOwner);
        }
        String number = numberKey(employee);
        String numberOwner = number == null ? null : numberOwners.get(number);
        if (numberOwner != null && !numberOwner.equals(id)) {
            throw new InvalidEmployeeException("employee number " + employee.path("employeeNumber").asText().strip()
                    + " is also used by employee #" + numberOwner + " in " + legalEntity(employee));
        }
    }

    private static String emailKey(JsonNode employee) {
        String email = employee.path("mail").asText("").strip();
        return email.isEmpty() ? null : email.toLowerCase(Locale.ROOT);
    }

    private static String numberKey(JsonNode employee) {
        String number = employee.path("employeeNumber").asText("").strip();
        return number.isEmpty() ? null : employee.path("legalEntity").path("id").asText("") + "/" + number;
    }

    private static String legalEntity(JsonNode employee) {
        JsonNode legalEntity = employee.path("legalEntity");
        return legalEntity.hasNonNull("name") ? legalEntity.get("name").asText() : "the same legal entity";
    }
}
