package io.github.luccaprovisioning.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.luccaprovisioning.lucca.LuccaPageReader;
import io.github.luccaprovisioning.sync.FailureReasons;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the answers of the --check calls (one Lucca user with and without former employees, the target's
 * /ServiceProviderConfig) into a {@link ConnectionReport} that says what works and, for what does not, the fix.
 */
public final class ConnectionChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ConnectionReport start() {
        return new ConnectionReport();
    }

    /** The answer to one user with former employees included: does the key work at all? */
    public void luccaAnswered(ConnectionReport report, String luccaUrl, int status, InputStream body) throws IOException {
        Integer everyone = count(status, body);
        if (everyone == null) {
            report.failed("Lucca at " + luccaUrl + ": " + LuccaPageReader.explain(status));
            return;
        }
        report.ok("Lucca at " + luccaUrl + ": the API key works, " + everyone + " employees with the former ones");
        report.luccaWorks();
        report.everyone = everyone;
    }

    /** The answer without former employees: a key whose role hides them shows the same count both ways. */
    public void luccaAnsweredWithoutFormer(ConnectionReport report, int status, InputStream body) throws IOException {
        Integer current = count(status, body);
        if (report.everyone != null && current != null && current.equals(report.everyone)) {
            report.warning("Lucca: the key sees no former employees (" + current + " with or without them). If the company "
                    + "has any, give the key's role the right to see former employees, or leavers cannot be deactivated");
        }
    }

    public void luccaUnreachable(ConnectionReport report, String luccaUrl, Exception cause) {
        report.failed("Lucca at " + luccaUrl + ": " + FailureReasons.ofRun(cause) + ". Check lucca.subdomain");
    }

    public void targetAnswered(ConnectionReport report, String usersUrl, int status, InputStream body) throws IOException {
        if (status == 200) {
            JsonNode config = JSON.readTree(body);
            report.ok("Target at " + usersUrl + ": the token works (PATCH " + supported(config, "patch")
                    + ", filter " + supported(config, "filter") + ")");
            report.targetWorks();
        } else if (status == 401 || status == 403) {
            report.failed("Target at " + usersUrl + ": the token was refused (HTTP " + status + "): check TARGET_TOKEN and target.profile");
        } else {
            report.failed("Target at " + usersUrl + ": HTTP " + status + " to a SCIM request: check target.base-url (the part before /Users)");
        }
    }

    public void targetUnreachable(ConnectionReport report, String usersUrl, Exception cause) {
        report.failed("Target at " + usersUrl + ": " + FailureReasons.ofRun(cause) + ". Check target.base-url");
    }

    private static String supported(JsonNode config, String feature) {
        JsonNode flag = config.path(feature).path("supported");
        return flag.isBoolean() ? (flag.asBoolean() ? "supported" : "not supported") : "not said";
    }

    private static Integer count(int status, InputStream body) throws IOException {
        if (status != 200 || body == null) {
            return null;
        }
        JsonNode count = JSON.readTree(body).path("data").path("count");
        return count.isNumber() ? count.asInt() : null;
    }
}
