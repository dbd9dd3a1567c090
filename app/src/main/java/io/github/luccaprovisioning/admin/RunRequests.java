package io.github.luccaprovisioning.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.Header;

/** What a POST /api/runs asks for: {@code {"dryRun": true}} in the body, or {@code ?dryRun=true}; nothing: a real run. */
public final class RunRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunRequests() {
    }

    public static boolean dryRunAsked(@Body String body, @Header("dryRun") String dryRunParameter) {
        if (body == null || body.isBlank()) {
            return Boolean.parseBoolean(dryRunParameter);
        }
        try {
            return JSON.readTree(body).path("dryRun").asBoolean(false);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The body must be JSON like {\"dryRun\": true}: " + e.getOriginalMessage());
        }
    }
}
