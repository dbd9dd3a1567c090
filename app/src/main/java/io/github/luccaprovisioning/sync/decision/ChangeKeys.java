package io.github.luccaprovisioning.sync.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The idempotent key of a mapped user: its externalId and a SHA-256 of the user as it would be sent, plus the
 * Lucca id of their manager (linked in a second pass, so not in the user sent). The same key twice means nothing
 * the target sees has changed, so no call is needed.
 */
public final class ChangeKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeKeys() {
    }

    public static String of(ObjectNode scimUser, JsonNode employee) throws JsonProcessingException {
        MessageDigest sha256 = sha256();
        sha256.update(JSON.writeValueAsBytes(scimUser));
        sha256.update(("|manager=" + employee.path("manager").path("id").asText("")).getBytes(StandardCharsets.UTF_8));
        return scimUser.path("externalId").asText() + ":" + HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
