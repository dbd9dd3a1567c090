package io.github.luccaprovisioning.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The admin API's bearer token ({@code admin.token}, from the environment: ADMIN_TOKEN). Without one the API is
 * off. The comparison takes the same time whatever the guess, so the token cannot be found a character at a time.
 */
public final class AdminToken {

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    public AdminToken(String token) {
        this.token = token == null || token.isBlank() ? null : token.trim().getBytes(StandardCharsets.UTF_8);
    }

    /** No token configured: the API answers nothing but that it is off. */
    public boolean isOff() {
        return token == null;
    }

    /** Whether a request with this Authorization header is turned away. */
    public boolean refuses(String authorization) {
        if (isOff() || authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return true;
        }
        byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return !MessageDigest.isEqual(token, given);
    }

    @Override
    public String toString() {
        return isOff() ? "admin token (none: the API is off)" : "admin token (set)";
    }
}
