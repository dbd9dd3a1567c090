package io.github.luccaprovisioning.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Header;

import java.util.Locale;

/**
 * Reads what a call to the admin API gives (path and query parameters, JSON bodies) or answers a 400 that names
 * the parameter and the form it takes: a caller who typed {@code /api/runs/abc} learns what to type instead.
 */
public final class ApiParameters {

    private static final ObjectMapper JSON = new ObjectMapper();
    // what a caller typed is quoted back, up to this many characters
    private static final int QUOTED = 40;

    private ApiParameters() {
    }

    /** The {id} of /api/runs/{id}: a run number. */
    public static long runId(@Header("id") String id) {
        try {
            long runId = Long.parseLong(id == null ? "" : id.strip());
            if (runId > 0) {
                return runId;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new BadRequestException("The path parameter 'id' must be a run number like 12, not " + quoted(id));
    }

    /** A query parameter that is a whole number from {@code min} to {@code max}; {@code absent} when not given. */
    static int wholeNumber(String name, String value, int min, int max, int absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new BadRequestException("The query parameter '" + name + "' must be a whole number from " + min + " to " + max
                + ", like " + name + "=" + absent + ", not " + quoted(value));
    }

    /** A query parameter that is true or false; false when not given. */
    static boolean flag(String name, String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequestException("The query parameter '" + name + "' must be true or false, not " + quoted(value));
        };
    }

    /**
     * A boolean field of a JSON object body, null when the field is not there.
     *
     * @param example a body that would do, for the message
     */
    static Boolean booleanField(String body, String field, String example) {
        JsonNode object;
        try {
            object = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("The body must be JSON like " + example + ": " + e.getOriginalMessage());
        }
        if (object == null || !object.isObject()) {
            throw new BadRequestException("The body must be a JSON object like " + example);
        }
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new BadRequestException("The field '" + field + "' must be true or false, like " + example + ", not " + value);
        }
        return value.booleanValue();
    }

    private static String quoted(String value) {
        if (value == null) {
            return "nothing";
        }
        return "'" + (value.length() > QUOTED ? value.substring(0, QUOTED) + "..." : value) + "'";
    }
}
