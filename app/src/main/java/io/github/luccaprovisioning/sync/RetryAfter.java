package io.github.luccaprovisioning.sync;

import io.github.luccaprovisioning.lucca.LuccaUnavailableException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Makes Camel's redelivery wait as long as a 429 or 503 answer's {@code Retry-After} asks (seconds or an HTTP date,
 * RFC 9110), from the target or from Lucca, instead of the exponential back-off, by setting the
 * {@link Exchange#REDELIVERY_DELAY} header that Camel reads before each redelivery. Used as the
 * {@code onExceptionOccurred} processor of the error policies.
 */
public final class RetryAfter implements Processor {

    private final long maxWaitMillis;

    public RetryAfter(long maxWaitMillis) {
        this.maxWaitMillis = maxWaitMillis;
    }

    @Override
    public void process(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Long wait = null;
        if (cause instanceof HttpOperationFailedException http) {
            wait = waitMillis(http);
        } else if (cause instanceof LuccaUnavailableException lucca && lucca.retryAfter() != null) {
            wait = parse(lucca.retryAfter().strip(), Instant.now());
        }
        if (wait == null) {
            exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        } else {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, Math.min(wait, maxWaitMillis));
        }
    }

    static Long waitMillis(HttpOperationFailedException answer) {
        if (answer.getStatusCode() != 429 && answer.getStatusCode() != 503 || answer.getResponseHeaders() == null) {
            return null;
        }
        String value = answer.getResponseHeaders().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Retry-After"))
                .map(header -> header.getValue().strip()).findFirst().orElse(null);
        return value == null ? null : parse(value, Instant.now());
    }

    static Long parse(String retryAfter, Instant now) {
        if (retryAfter.matches("\\d+")) {
            return Long.parseLong(retryAfter) * 1000;
        }
        try {
            Instant at = ZonedDateTime.parse(retryAfter, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Math.max(0, Duration.between(now, at).toMillis());
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }
}
