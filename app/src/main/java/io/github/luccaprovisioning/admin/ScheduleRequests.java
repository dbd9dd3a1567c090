package io.github.luccaprovisioning.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;

/** What a PUT /api/schedule asks for: {@code {"enabled": false}} pauses automatic sync, {@code true} turns it on. */
public final class ScheduleRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPECTED = "The body must be JSON like {\"enabled\": false}";

    private ScheduleRequests() {
    }

    public static boolean enabledAsked(@Body String body) {
        JsonNode enabled;
        try {
            enabled = body == null ? null : JSON.readTree(body).get("enabled");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(EXPECTED + ": " + e.getOriginalMessage());
        }
        if (enabled == null || !enabled.isBoolean()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        return enabled.booleanValue();
    }
}
