package io.github.luccaprovisioning.lucca;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuccaCredentialsTest {

    private static final String SECRET = "s3cr3t&=+";

    private static ByteArrayInputStream token(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachApiNeedsItsOwnSettingsAndNoMessageHoldsASecret() {
        assertThatThrownBy(() -> new LuccaCredentials("v4", "key", null, null, null)).hasMessageContaining("lucca.api must be v3 or v5");
        assertThatThrownBy(() -> new LuccaCredentials("v3", "", "client", SECRET, null)).hasMessageContaining("LUCCA_API_KEY");
        assertThatThrownBy(() -> new LuccaCredentials("v5", "key", "", SECRET, null)).hasMessageContaining("lucca.client-id");
        assertThatThrownBy(() -> new LuccaCredentials("v5", "key", "client", " ", null)).hasMessageContaining("LUCCA_CLIENT_SECRET");
        LuccaCredentials v5 = new LuccaCredentials("v5", null, "client", SECRET, "employees.readonly departments.readonly");
        assertThat(v5.isV5()).isTrue();
        assertThat(v5.toString()).doesNotContain(SECRET);
        assertThatThrownBy(() -> v5.tokenReceived(401, null, token("{}"))).hasMessageContaining("lucca.client-id")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void theTokenFormIsFormEncodedClientCredentials() {
        LuccaCredentials v5 = new LuccaCredentials("v5", null, "client", SECRET, "employees.readonly departments.readonly");

        assertThat(v5.getTokenForm()).isEqualTo("grant_type=client_credentials&client_id=client"
                + "&client_secret=s3cr3t%26%3D%2B&scope=employees.readonly+departments.readonly");
    }

    @Test
    void aTokenIsKeptUntilAMinuteBeforeItExpiresThenAskedForAgain() throws Exception {
        MovableClock clock = new MovableClock();
        LuccaCredentials v5 = new LuccaCredentials("v5", null, "client", SECRET, "", clock);
        assertThat(v5.isTokenNeeded()).isTrue();

        v5.tokenReceived(200, null, token("{\"access_token\":\"abc\",\"token_type\":\"Bearer\",\"expires_in\":1800}"));
        assertThat(v5.isTokenNeeded()).isFalse();
        assertThat(v5.getBearer()).isEqualTo("Bearer abc");
        clock.now = clock.now.plus(Duration.ofSeconds(1739));
        assertThat(v5.isTokenNeeded()).isFalse();
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertThat(v5.isTokenNeeded()).isTrue();

        v5.tokenReceived(200, null, token("{\"access_token\":\"def\",\"expires_in\":1800}"));
        v5.expire();
        assertThat(v5.isTokenNeeded()).as("after a 401").isTrue();
    }

    @Test
    void aThrottledTokenEndpointIsAskedAgainLater() {
        LuccaCredentials v5 = new LuccaCredentials("v5", null, "client", SECRET, "");

        assertThatThrownBy(() -> v5.tokenReceived(429, "30", token("")))
                .isInstanceOfSatisfying(LuccaUnavailableException.class, e -> assertThat(e.retryAfter()).isEqualTo("30"));
    }

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-05T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
