package io.github.luccaprovisioning.lucca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * How the sync proves itself to Lucca: v3's API key ({@code lucca application=<key>}), or v5's OAuth2 client
 * credentials, whose bearer token is kept until shortly before it expires, then asked for again. Which settings
 * an API needs is checked at start, so a missing secret is told before the first run. Neither the key, the client
 * secret nor a token is ever part of a message.
 */
public final class LuccaCredentials {

    /** A token is renewed this long before Lucca says it expires, so that no call goes out with a dying one. */
    static final long RENEW_BEFORE_SECONDS = 60;

    private final ObjectMapper json = new ObjectMapper();
    private final boolean v5;
    private final String apiKey;
    private final String clientId;
    private final String scopes;
    private final String tokenForm;
    private final Clock clock;
    private String token;
    private String grantedScopes;
    private Instant renewAt = Instant.MIN;

    public LuccaCredentials(String api, String apiKey, String clientId, String clientSecret, String scopes) {
        this(api, apiKey, clientId, clientSecret, scopes, Clock.systemUTC());
    }

    LuccaCredentials(String api, String apiKey, String clientId, String clientSecret, String scopes, Clock clock) {
        this.clock = clock;
        this.v5 = switch (api == null ? "" : api.strip()) {
            case "v3" -> false;
            case "v5" -> true;
            default -> throw new IllegalArgumentException("lucca.api must be v3 or v5, not '" + api + "' (LUCCA_API)");
        };
        if (!v5 && blank(apiKey)) {
            throw new IllegalArgumentException("lucca.api-key is not set: secrets come from the environment only, set LUCCA_API_KEY");
        }
        if (v5 && blank(clientId)) {
            throw new IllegalArgumentException("lucca.client-id is not set: with lucca.api=v5 give the OAuth client of "
                    + "Lucca's integration keys (LUCCA_CLIENT_ID)");
        }
        if (v5 && blank(clientSecret)) {
            throw new IllegalArgumentException("lucca.client-secret is not set: secrets come from the environment only, "
                    + "set LUCCA_CLIENT_SECRET");
        }
        this.apiKey = apiKey;
        this.clientId = v5 ? clientId.strip() : null;
        this.scopes = scopes == null ? "" : scopes.strip();
        this.tokenForm = v5 ? "grant_type=client_credentials&client_id=" + encode(this.clientId)
                + "&client_secret=" + encode(clientSecret) + "&scope=" + encode(this.scopes) : null;
    }

    /** True when the routes read Lucca API v5, false for v3. */
    public boolean isV5() {
        return v5;
    }

    /** v5's OAuth client (lucca.client-id), which is no secret; null with v3. */
    public String getClientId() {
        return clientId;
    }

    /** The scopes asked for with each token (lucca.scopes), space-separated. */
    public String getScopes() {
        return scopes;
    }

    /** The scopes Lucca granted with the token held, as its answer said them (space-separated), or null when it did not. */
    public synchronized String getGrantedScopes() {
        return grantedScopes;
    }

    /** v3's Authorization header. */
    public String getV3Authorization() {
        return "lucca application=" + apiKey;
    }

    /** True when no token is held, or the one held is about to expire. */
    public synchronized boolean isTokenNeeded() {
        return token == null || !clock.instant().isBefore(renewAt);
    }

    /** The form-encoded body of the token request (client credentials grant). */
    public String getTokenForm() {
        return tokenForm;
    }

    /** v5's Authorization header, with the token held. */
    public synchronized String getBearer() {
        return "Bearer " + token;
    }

    /** Forgets the token held (Lucca answered 401 to it): the next call asks for a new one. */
    public synchronized void expire() {
        token = null;
    }

    /** Keeps the token of the token endpoint's answer, or says why there is none. */
    public synchronized void tokenReceived(int status, String retryAfter, InputStream body) throws IOException {
        if (status == 429 || status >= 500) {
            throw new LuccaUnavailableException("Lucca's token endpoint was not available (HTTP " + status + ")", retryAfter);
        }
        if (status != 200) {
            throw new LuccaReadException("Lucca's token endpoint refused the client credentials (HTTP " + status
                    + "): check lucca.client-id, LUCCA_CLIENT_SECRET and lucca.scopes");
        }
        JsonNode answer = body == null ? null : json.readTree(body);
        if (answer == null || !answer.path("access_token").isTextual()) {
            throw new LuccaReadException("Lucca's token endpoint answered without an access_token: check lucca.token-url");
        }
        token = answer.get("access_token").asText();
        grantedScopes = answer.path("scope").isTextual() ? answer.get("scope").asText().strip() : null;
        long lifetime = answer.path("expires_in").asLong(1800);
        renewAt = clock.instant().plusSeconds(Math.max(0, lifetime - Math.min(RENEW_BEFORE_SECONDS, lifetime / 2)));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "LuccaCredentials[" + (v5 ? "v5" : "v3") + "]";
    }
}
