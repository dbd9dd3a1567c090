package io.github.luccaprovisioning.sync;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private final RetryAfter retryAfter = new RetryAfter(60_000);

    private static Exchange failedWith(int status, Map<String, String> headers) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT,
                new HttpOperationFailedException("http://127.0.0.1/scim/v2/Users", status, "", null, headers, ""));
        return exchange;
    }

    @Test
    void secondsAreHonoured() {
        Exchange exchange = failedWith(429, Map.of("Retry-After", "7"));

        retryAfter.process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY)).isEqualTo(7000L);
    }

    @Test
    void anHttpDateIsHonoured() {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");

        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 10:00:30 GMT", now)).isEqualTo(30_000L);
        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 09:00:00 GMT", now)).as("already past").isZero();
    }

    @Test
    void aWaitLongerThanTheMaximumIsCut() {
        Exchange exchange = failedWith(503, Map.of("retry-after", "3600"));

        retryAfter.process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY)).isEqualTo(60_000L);
    }

    @Test
    void withoutRetryAfterTheBackOffDecides() {
        Exchange exchange = failedWith(500, Map.of("Retry-After", "5"));
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, 1234L);

        retryAfter.process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.REDELIVERY_DELAY)).isNull();
        assertThat(RetryAfter.parse("soon", Instant.now())).isNull();
    }
}
