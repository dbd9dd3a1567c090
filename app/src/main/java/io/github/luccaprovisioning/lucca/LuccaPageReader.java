package io.github.luccaprovisioning.lucca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one page of Lucca's v3 {@code /api/v3/users} answer into its employees, and keeps the run's
 * {@link DirectoryRead} up to date. An answer that is not a page of users stops the run with a message that
 * names the cause, because guessing here could mean syncing a partial directory.
 */
public final class LuccaPageReader {

    private final ObjectMapper json = new ObjectMapper();
    private final int pageSize;
    private final String fields;

    /**
     * Refuses, at start, a page size Lucca would not serve.
     *
     * @param fields      lucca.fields, what the sync itself reads
     * @param mapping     the mapping, whose fields are asked for too
     * @param scope       the scope filters, whose fields are asked for too
     * @param credentials which API is read: v5 serves at most {@link LuccaV5Reader#MAX_PAGE_SIZE} a page
     */
    public LuccaPageReader(int pageSize, String fields, FieldsRead mapping, FieldsRead scope, LuccaCredentials credentials) {
        int asked = new DirectoryRead(pageSize).getPageSize();
        this.pageSize = credentials.isV5() ? Math.min(asked, LuccaV5Reader.MAX_PAGE_SIZE) : asked;
        List<String> read = new ArrayList<>(mapping.luccaFields());
        read.addAll(scope.luccaFields());
        read.add("collection.count");
        this.fields = LuccaFields.merge(fields, read);
    }

    /** The fields= list of every directory request: v3 returns only id, name and url unless asked. */
    public String getFields() {
        return fields;
    }

    /** The paging state of a new read of the whole directory. */
    public DirectoryRead newRead() {
        return new DirectoryRead(pageSize);
    }

    /**
     * @param status     the HTTP status Lucca answered with
     * @param retryAfter Lucca's Retry-After header, or null
     * @param body       the response body
     * @param read       the read in progress, updated with this page
     * @return the employees on this page, in Lucca's order
     */
    public ArrayNode readPage(int status, String retryAfter, InputStream body, DirectoryRead read) throws IOException {
        if (status == 429 || status >= 500) {
            throw new LuccaUnavailableException(explain(status), retryAfter);
        }
        if (status != 200) {
            throw new LuccaReadException(explain(status));
        }
        JsonNode data = body == null ? null : json.readTree(body).path("data");
        if (data == null || !data.path("items").isArray()) {
            throw new LuccaReadException("Lucca answered without a list of users (no data.items): is lucca.base-url the tenant's address?");
        }
        ArrayNode items = (ArrayNode) data.get("items");
        JsonNode count = data.path("count");
        read.pageReceived(items.size(), count.isNumber() ? count.asInt() : null);
        return items;
    }

    /** What a status other than 200 means, and what to fix. */
    public static String explain(int status) {
        return switch (status) {
            case 401 -> "Lucca refused the API key (HTTP 401): check LUCCA_API_KEY and that the key is still active";
            case 403 -> "Lucca denied access to the directory (HTTP 403): give the API key's role the right to see users";
            case 404 -> "Lucca has no /api/v3/users here (HTTP 404): check lucca.subdomain";
            case 429 -> "Lucca's rate limit was reached (HTTP 429) and stayed so: another integration may be using the tenant's budget";
            default -> status >= 500
                    ? "Lucca was not available (HTTP " + status + "), even after retries: the next run will try again"
                    : "Lucca answered HTTP " + status + " to the directory read";
        };
    }
}
