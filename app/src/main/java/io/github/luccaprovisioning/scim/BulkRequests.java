package io.github.luccaprovisioning.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SCIM bulk requests and their answers (RFC 7644 section 3.7): cuts the gathered writes into requests within the
 * target's limits, writes each request, and pairs each operation of the answer with the write it was for. Each
 * operation carries a bulkId (its place in the request), so the answer is read by bulkId, whatever its order (or,
 * for a PUT or PATCH answered without it, by its location).
 */
public final class BulkRequests {

    public static final String REQUEST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The request around its operations: schemas and the Operations array. */
    private static final int ENVELOPE_BYTES = 100;

    private BulkRequests() {
    }

    /** The writes in requests of at most maxOperations operations and (as far as one write allows) maxPayloadSize bytes. */
    public static List<List<BulkWrite>> chunks(BulkWrites gathered) {
        BulkLimits limits = gathered.limits();
        List<List<BulkWrite>> chunks = new ArrayList<>();
        List<BulkWrite> chunk = new ArrayList<>();
        long bytes = ENVELOPE_BYTES;
        for (BulkWrite write : gathered.writes()) {
            long size = sizeOf(operation(write, 0)) + 1;
            boolean full = chunk.size() == limits.maxOperations() || bytes + size > limits.maxPayloadSize();
            if (!chunk.isEmpty() && full) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = ENVELOPE_BYTES;
            }
            chunk.add(write);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /** The BulkRequest for these writes; without failOnErrors, the target tries every operation. */
    public static ObjectNode request(List<BulkWrite> chunk) {
        ObjectNode request = JSON.createObjectNode();
        request.putArray("schemas").add(REQUEST_SCHEMA);
        ArrayNode operations = request.putArray("Operations");
        for (int i = 0; i < chunk.size(); i++) {
            operations.add(operation(chunk.get(i), i));
        }
        return request;
    }

    private static ObjectNode operation(BulkWrite write, int index) {
        ObjectNode operation = JSON.createObjectNode().put("method", write.method()).put("bulkId", bulkId(index))
                .put("path", write.path());
        operation.set("data", write.data());
        return operation;
    }

    private static String bulkId(int index) {
        return "op" + (index + 1);
    }

    /** Each write of the request with the answer the target gave its operation. */
    public static List<BulkOutcome> outcomes(List<BulkWrite> chunk, JsonNode bulkResponse) {
        Map<String, JsonNode> answers = new HashMap<>();
        JsonNode operations = bulkResponse == null ? JSON.createArrayNode() : bulkResponse.path("Operations");
        for (JsonNode answer : operations) {
            // an operation answered without its bulkId (allowed for PUT and PATCH) is known by its resource's location
            String location = answer.path("location").asText("");
            answers.put(answer.hasNonNull("bulkId") ? answer.get("bulkId").asText()
                    : location.substring(Math.max(0, location.lastIndexOf("/Users/"))), answer);
        }
        List<BulkOutcome> outcomes = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            JsonNode answer = answers.getOrDefault(bulkId(i), chunk.get(i).createsAccount() ? null : answers.get(chunk.get(i).path()));
            outcomes.add(answer == null ? BulkOutcome.unanswered(chunk.get(i))
                    : new BulkOutcome(chunk.get(i), statusOf(answer), answer.path("location").asText(null), answer.get("response")));
        }
        return outcomes;
    }

    /** RFC 7644 writes the status as a string ("201"); some targets send a number. */
    private static int statusOf(JsonNode answer) {
        JsonNode status = answer.path("status");
        return status.isNumber() ? status.asInt() : Integer.parseInt(status.asText("0").trim().split("\\s")[0]);
    }

    private static long sizeOf(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node).length;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
