package io.github.luccaprovisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.http.base.HttpOperationFailedException;

import java.util.Objects;

/**
 * What the target answered to one operation of a bulk request.
 *
 * @param status   the operation's HTTP status, 0 when the answer left the operation out
 * @param location the resource's URL (for a creation, where its id is read)
 * @param response the resource, or the SCIM error of a failed operation; may be null
 */
public record BulkOutcome(BulkWrite write, int status, String location, JsonNode response) {

    /** Left out of the hash: the JSON answer, as in {@link BulkWrite#hashCode()}. */
    @Override
    public int hashCode() {
        return Objects.hash(write, status, location);
    }

    static BulkOutcome unanswered(BulkWrite write) {
        return new BulkOutcome(write, 0, null, null);
    }

    public boolean isConfirmed() {
        return status >= 200 && status < 300;
    }

    /** A creation refused as a duplicate: the account appeared meanwhile, or a retried request already created it. */
    public boolean isConflict() {
        return write.createsAccount() && status == 409;
    }

    /** The account's id: the one written to, or the one the target gave a creation. */
    public String targetId() {
        if (write.targetId() != null) {
            return write.targetId();
        }
        if (response != null && response.hasNonNull("id")) {
            return response.get("id").asText();
        }
        return location == null ? null : location.substring(location.lastIndexOf('/') + 1);
    }

    /**
     * Throws the failure of an operation the target did not confirm, as a single call's would be, so that the
     * error names the SCIM detail.
     */
    public static void requireConfirmed(BulkOutcome outcome) throws Exception {
        if (!outcome.isConfirmed()) {
            throw outcome.failure();
        }
    }

    Exception failure() {
        if (status == 0) {
            return new IllegalStateException("the target's bulk answer left out the operation " + write.method() + " "
                    + write.path() + ": it may or may not be applied, the next run looks again");
        }
        return new HttpOperationFailedException("bulk operation " + write.method() + " " + write.path(), status,
                "bulk operation failed", location, null, response == null ? null : response.toString());
    }
}
