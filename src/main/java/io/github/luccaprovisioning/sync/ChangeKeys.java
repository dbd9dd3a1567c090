package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The idempotent key of a mapped user: its externalId and a SHA-256 of the user as it would be sent.
 * The same key twice means nothing the target sees has changed, so no call is needed.
 */
public final class ChangeKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeKeys() {
    }

    public static String of(ObjectNode scimUser) throws JsonProcessingException {
        byte[] sent = JSON.writeValueAsBytes(scimUser);
        return scimUser.path("externalId").asText() + ":" + HexFormat.of().formatHex(sha256(sent));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
