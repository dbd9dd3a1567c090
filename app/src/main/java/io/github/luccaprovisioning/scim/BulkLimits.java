package io.github.luccaprovisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * How many operations, and how many bytes, one SCIM bulk request to the target may carry (RFC 7644 section 3.7):
 * the smaller of what its {@code /ServiceProviderConfig} advertises and {@code target.bulk-size}.
 */
public record BulkLimits(int maxOperations, int maxPayloadSize) {

    /**
     * @param serviceProviderConfig the target's answer, or null when it could not be read
     * @param setting               target.bulk: {@code auto} (bulk when the target supports it) or {@code off}
     * @param bulkSize              target.bulk-size, the most operations the sync puts in one request
     * @return the limits, or null when writes go out one call each
     */
    public static BulkLimits of(JsonNode serviceProviderConfig, String setting, int bulkSize) {
        String mode = setting == null ? "" : setting.trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("auto") && !mode.equals("off")) {
            throw new IllegalArgumentException("target.bulk must be auto or off, not '" + setting + "'");
        }
        if (bulkSize < 1) {
            throw new IllegalArgumentException("target.bulk-size must be at least 1, not " + bulkSize);
        }
        if (mode.equals("off") || serviceProviderConfig == null) {
            return null;
        }
        JsonNode bulk = serviceProviderConfig.path("bulk");
        if (!bulk.path("supported").asBoolean(false)) {
            return null;
        }
        int maxOperations = Math.min(bulkSize, positiveOr(bulk.path("maxOperations"), bulkSize));
        return new BulkLimits(maxOperations, positiveOr(bulk.path("maxPayloadSize"), Integer.MAX_VALUE));
    }

    private static int positiveOr(JsonNode value, int otherwise) {
        long number = value.asLong(0);
        return number <= 0 ? otherwise : (int) Math.min(number, Integer.MAX_VALUE);
    }

    /** For --check and the run's log. */
    @Override
    public String toString() {
        return "up to " + maxOperations + " operations and " + maxPayloadSize + " bytes a request";
    }
}
