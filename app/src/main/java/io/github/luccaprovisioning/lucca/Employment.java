package io.github.luccaprovisioning.lucca;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * What a Lucca v3 user's contract dates say. Lucca has no "active" flag in v3: someone has left when
 * {@code dtContractEnd} is before today (the last day worked still counts as employed), and has not started
 * while {@code dtContractStart} is after today.
 */
public final class Employment {

    private Employment() {
    }

    public static boolean hasLeft(JsonNode employee, LocalDate today) {
        LocalDate end = date(employee, "dtContractEnd");
        return end != null && end.isBefore(today);
    }

    /** The contract's end, or null when none is planned. */
    public static LocalDate contractEnd(JsonNode employee) {
        return date(employee, "dtContractEnd");
    }

    /** The contract's start, or null when Lucca does not say. */
    public static LocalDate contractStart(JsonNode employee) {
        return date(employee, "dtContractStart");
    }

    /** A v3 date ({@code 2021-03-15T00:00:00}, a fraction or a Z allowed), or null when absent. */
    static LocalDate date(JsonNode employee, String field) {
        JsonNode value = employee.path(field);
        if (value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
            return null;
        }
        return date(field, value.asText());
    }

    /** Reads the text of a v3 date field, or says which field holds what instead of a date. */
    public static LocalDate date(String field, String value) {
        String text = value.strip();
        try {
            return text.length() == 10 ? LocalDate.parse(text) : LocalDateTime.parse(text.replace("Z", "")).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new InvalidEmployeeException(field + " '" + text + "' is not a date Lucca sends (yyyy-MM-ddTHH:mm:ss)");
        }
    }
}
