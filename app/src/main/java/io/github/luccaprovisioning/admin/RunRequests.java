package io.github.luccaprovisioning.admin;

import org.apache.camel.Body;
import org.apache.camel.Header;

/** What a POST /api/runs asks for: {@code {"dryRun": true}} in the body, or {@code ?dryRun=true}; nothing: a real run. */
public final class RunRequests {

    private RunRequests() {
    }

    public static boolean dryRunAsked(@Body String body, @Header("dryRun") String dryRunParameter) {
        if (body == null || body.isBlank()) {
            return ApiParameters.flag("dryRun", dryRunParameter);
        }
        return Boolean.TRUE.equals(ApiParameters.booleanField(body, "dryRun", "{\"dryRun\": true}"));
    }
}
