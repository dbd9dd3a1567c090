package io.github.luccaprovisioning.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lucca's webhook deliveries to {@code POST /webhooks/lucca}. Lucca's reference documents no signature of its
 * deliveries, so a delivery must carry a secret of ours ({@code lucca.webhook-secret}, from the environment:
 * LUCCA_WEBHOOK_SECRET), set as a header of the webhook registered in Lucca: {@code X-Lucca-Webhook-Secret: <secret>}
 * or {@code Authorization: Bearer <secret>}. It is compared in the same time whatever the guess. Without a secret,
 * or with lucca.api=v3 (whose API sends none), webhooks are off.
 */
public final class LuccaWebhook {

    private static final String BEARER = "Bearer ";
    private static final String EMPLOYEE_TOPICS = "employee.";
    private static final int LONGEST_KEY = 255;

    private final ObjectMapper json = new ObjectMapper();
    private final byte[] secret;
    private final String offReason;

    public LuccaWebhook(String api, String secret) {
        this.secret = secret == null || secret.isBlank() ? null : secret.trim().getBytes(StandardCharsets.UTF_8);
        if (this.secret == null) {
            offReason = "Lucca webhooks are off: set LUCCA_WEBHOOK_SECRET (lucca.webhook-secret) to turn them on";
        } else if (!"v5".equalsIgnoreCase(api == null ? "" : api.strip())) {
            offReason = "Lucca webhooks need lucca.api=v5: the v3 API sends none";
        } else {
            offReason = null;
        }
    }

    /** Why webhooks are off, or null when they are on. */
    public String getOffReason() {
        return offReason;
    }

    /**
     * Whether a delivery is turned away: it carries no secret, or not ours.
     *
     * @param secretHeader  the X-Lucca-Webhook-Secret header, or null
     * @param authorization the Authorization header, or null
     */
    public boolean refuses(String secretHeader, String authorization) {
        String given = secretHeader;
        if (given == null && authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            given = authorization.substring(BEARER.length());
        }
        return offReason != null || given == null || !MessageDigest.isEqual(secret, given.trim().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a delivery: {@code {"id": "<delivery id>", "topic": "employee.updated", "occurredAt": "<time>",
     * "data": {"id": "<employee id>"}}}; the employee may also come as {@code employee.id}.
     *
     * @return the delivery, or null when it is about something else than an employee (nothing to sync)
     * @throws BadRequestException when the body is not such a delivery (a 400: Lucca's retries will not mend it)
     */
    public WebhookDelivery delivery(String body) {
        JsonNode delivery;
        try {
            delivery = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("The webhook delivery is not JSON");
        }
        if (delivery == null || !delivery.isObject()) {
            throw new BadRequestException("The webhook delivery is not a JSON object");
        }
        String topic = delivery.path("topic").asText("");
        if (!topic.startsWith(EMPLOYEE_TOPICS)) {
            return null;
        }
        JsonNode employee = delivery.path("data").path("id");
        if (!employee.isTextual() && !employee.isNumber()) {
            employee = delivery.path("employee").path("id");
        }
        if (!(employee.isTextual() || employee.isNumber()) || employee.asText().isBlank()) {
            throw new BadRequestException("The webhook delivery (" + topic + ") names no employee: data.id is missing");
        }
        String employeeId = employee.asText();
        String id = delivery.path("id").asText("");
        String occurredAt = delivery.path("occurredAt").asText("");
        String key = !id.isBlank() ? id : occurredAt.isBlank() ? null : topic + "|" + employeeId + "|" + occurredAt;
        if (key != null && key.length() > LONGEST_KEY) {
            throw new BadRequestException("The webhook delivery's id is longer than " + LONGEST_KEY + " characters");
        }
        return new WebhookDelivery(key, topic, employeeId);
    }

    @Override
    public String toString() {
        return offReason == null ? "Lucca webhook secret (set)" : "Lucca webhook secret (" + offReason + ")";
    }
}
