package io.github.luccaprovisioning.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.luccaprovisioning.lucca.DirectoryRead;
import io.github.luccaprovisioning.lucca.LuccaCredentials;
import io.github.luccaprovisioning.lucca.LuccaPageReader;
import io.github.luccaprovisioning.lucca.LuccaV5Reader;
import io.github.luccaprovisioning.scim.BulkLimits;
import io.github.luccaprovisioning.scim.ScimUsers;
import io.github.luccaprovisioning.sync.FailureReasons;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the answers of the --check calls (v3: one Lucca user with and without former employees; v5: a token, then
 * one employee with the count of everyone; the target's /ServiceProviderConfig, a look-up with `or` and one account
 * of the listing) into a {@link ConnectionReport} that says what works and, for what does not, the fix. Neither the
 * API key, the client secret nor a token is ever part of a line.
 */
public final class ConnectionChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LuccaCredentials credentials;

    public ConnectionChecks(LuccaCredentials credentials) {
        this.credentials = credentials;
    }

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

    /** Deprecation and Sunset headers on Lucca's answer (v3 or v5): an administrator learns of the API's end in time. */
    public void luccaDeprecation(ConnectionReport report, String deprecation, String sunset) {
        String notice = DirectoryRead.deprecationOf(deprecation, sunset);
        if (notice == null) {
            report.ok("Lucca: no Deprecation or Sunset header on its answer");
        } else {
            report.warning(notice);
        }
    }

    /** v5: the token endpoint gave a token; which client asked, for which scopes, and which Lucca granted. */
    public void luccaTokenObtained(ConnectionReport report, String tokenUrl) {
        report.luccaTokenObtained = true;
        String granted = credentials.getGrantedScopes();
        report.ok("Lucca token endpoint at " + tokenUrl + ": a token for the OAuth client " + credentials.getClientId()
                + " (scopes asked: " + credentials.getScopes() + "; granted: " + (granted == null ? "not said" : granted) + ")");
        if (granted == null) {
            return;
        }
        List<String> grantedList = scopes(granted);
        List<String> missing = scopes(credentials.getScopes()).stream().filter(scope -> !grantedList.contains(scope)).toList();
        if (!missing.isEmpty()) {
            report.warning("Lucca did not grant the OAuth client " + credentials.getClientId() + " " + String.join(" ", missing)
                    + ": give its client app these scopes in Lucca's integration keys, or the reads that need them are refused (HTTP 403)");
        }
    }

    /** v5: the answer to one employee with the count of everyone, former employees included. */
    public void luccaV5Answered(ConnectionReport report, String luccaUrl, int status, InputStream body, String apiVersion) throws IOException {
        JsonNode total = status == 200 && body != null ? JSON.readTree(body).path("totalCount") : null;
        if (total == null || !total.isNumber()) {
            report.failed("Lucca at " + luccaUrl + ": " + (status == 200
                    ? "answered without a totalCount: is lucca.base-url the tenant's address?" : LuccaV5Reader.explain(status, "employees")));
            return;
        }
        report.ok("Lucca at " + luccaUrl + ": the OAuth token works (Lucca API v5, Api-Version " + apiVersion + "), "
                + total.asInt() + " employees with the former ones");
        report.luccaWorks();
    }

    /** v5: the token endpoint refused the client or could not be reached, or the API could not be reached. */
    public void luccaV5Unreachable(ConnectionReport report, String tokenUrl, String luccaUrl, Exception cause) {
        String reason = FailureReasons.ofRun(cause);
        if (report.luccaTokenObtained) {
            report.failed("Lucca at " + luccaUrl + ": " + reason + ". Check lucca.subdomain");
        } else {
            report.failed("Lucca token endpoint at " + tokenUrl + " for the OAuth client " + credentials.getClientId() + ": "
                    + reason + (FailureReasons.isLuccaAnswer(cause) ? "" : ". Check lucca.token-url"));
        }
    }

    public void targetAnswered(ConnectionReport report, String usersUrl, int status, InputStream body) throws IOException {
        if (status == 200) {
            JsonNode config = JSON.readTree(body);
            report.ok("Target at " + usersUrl + ": the token works (PATCH " + supported(config, "patch")
                    + ", filter " + supported(config, "filter") + ")");
            report.targetWorks();
            BulkLimits bulk = BulkLimits.of(config, "auto", Integer.MAX_VALUE);
            report.ok("Target at " + usersUrl + ": " + (bulk == null ? "no SCIM Bulk, one call per write"
                    : "SCIM Bulk supported, " + bulk + " (target.bulk=auto writes in bulk)"));
        } else if (status == 401 || status == 403) {
            report.failed("Target at " + usersUrl + ": the token was refused (HTTP " + status + "): check TARGET_TOKEN and target.profile");
        } else {
            report.failed("Target at " + usersUrl + ": HTTP " + status + " to a SCIM request: check target.base-url (the part before /Users)");
        }
    }

    /** The query of --check's look-up with `or`: for an account nobody has, the way the sync looks someone new up. */
    public String orLookupQuery() {
        return ScimUsers.lookupFilter(JSON.createObjectNode().put("externalId", "lucca-provisioning-check")
                .put("userName", "lucca-provisioning-check@example.invalid"));
    }

    /** The answer to a look-up with `or`: a target that refuses it would fail every new employee's look-up. */
    public void orLookupAnswered(ConnectionReport report, String usersUrl, int status) {
        if (status == 200) {
            report.ok("Target at " + usersUrl + ": look-ups with `or` in the filter work (one search per new employee)");
        } else if (status == 400) {
            report.failed("Target at " + usersUrl + ": refuses `or` in filters (HTTP 400), and the profile looks each new "
                    + "employee up that way (lookup-with-or: true): set lookup-with-or: false in a profile file of your "
                    + "own (mapping.file)");
        } else {
            report.warning("Target at " + usersUrl + ": HTTP " + status + " to a look-up with `or` in the filter, the way "
                    + "the profile looks each new employee up (lookup-with-or: true)");
        }
    }

    /** The answer to one account of GET /Users: can a run that meets someone new list the target (target.match)? */
    public void listingAnswered(ConnectionReport report, String usersUrl, int status, InputStream body) throws IOException {
        JsonNode list = status == 200 && body != null ? JSON.readTree(body) : null;
        if (list != null && list.path("totalResults").canConvertToInt() && list.path("Resources").isArray()) {
            report.ok("Target at " + usersUrl + ": lists its accounts (" + list.path("totalResults").asInt()
                    + "): a run matches new employees from one listing");
        } else {
            report.ok("Target at " + usersUrl + ": does not list its accounts (" + (status == 200 ? "not a SCIM list" : "HTTP " + status)
                    + "): a run looks each new employee up");
        }
    }

    public void targetUnreachable(ConnectionReport report, String usersUrl, Exception cause) {
        report.failed("Target at " + usersUrl + ": " + FailureReasons.ofRun(cause) + ". Check target.base-url");
    }

    private static String supported(JsonNode config, String feature) {
        JsonNode flag = config.path(feature).path("supported");
        return flag.isBoolean() ? (flag.asBoolean() ? "supported" : "not supported") : "not said";
    }

    private static List<String> scopes(String spaceSeparated) {
        return Arrays.stream(spaceSeparated.strip().split("\\s+")).filter(scope -> !scope.isEmpty()).toList();
    }

    private static Integer count(int status, InputStream body) throws IOException {
        if (status != 200 || body == null) {
            return null;
        }
        JsonNode count = JSON.readTree(body).path("data").path("count");
        return count.isNumber() ? count.asInt() : null;
    }
}
