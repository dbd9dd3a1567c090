package io.github.luccaprovisioning.admin;

import org.apache.camel.Body;

/** What a PUT /api/schedule asks for: {@code {"enabled": false}} pauses automatic sync, {@code true} turns it on. */
public final class ScheduleRequests {

    private static final String EXAMPLE = "{\"enabled\": false}";

    private ScheduleRequests() {
    }

    public static boolean enabledAsked(@Body String body) {
        Boolean enabled = ApiParameters.booleanField(body == null ? "" : body, "enabled", EXAMPLE);
        if (enabled == null) {
            throw new BadRequestException("The body must say whether automatic sync is on, like " + EXAMPLE);
        }
        return enabled;
    }
}
