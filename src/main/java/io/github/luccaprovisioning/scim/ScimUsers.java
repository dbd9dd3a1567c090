package io.github.luccaprovisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads what the routes need from a SCIM User the target returned. */
public final class ScimUsers {

    private ScimUsers() {
    }

    /** The target's id of the user it confirmed; a confirmation without one is not a confirmation. */
    public static String idOf(JsonNode confirmedUser) {
        JsonNode id = confirmedUser == null ? null : confirmedUser.get("id");
        if (id == null || id.isNull() || id.asText().isBlank()) {
            throw new IllegalStateException("the target answered without the user's id");
        }
        return id.asText();
    }
}
