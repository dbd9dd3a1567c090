package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.luccaprovisioning.lucca.LuccaReadException;
import io.github.luccaprovisioning.scim.AccountConflictException;
import io.github.luccaprovisioning.lucca.InvalidEmployeeException;
import org.apache.camel.http.base.HttpOperationFailedException;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Turns an exception into a {@link Failure} a person understands. Exception messages are not copied blindly:
 * HTTP client messages carry full URLs and library wording, the SCIM error body says what the target objected to.
 */
public final class FailureReasons {

    private static final int MAX_DETAIL = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FailureReasons() {
    }

    /**
     * @param step where the failure happened when the route says so (manager link, deactivate), or null to tell
     *             it from the exception
     */
    public static Failure of(JsonNode employee, Throwable cause, String step) {
        Failure failure = of(employee, cause);
        return step == null ? failure : new Failure(failure.employee(), step, failure.reason(), failure.httpStatus());
    }

    public static Failure of(JsonNode employee, Throwable cause) {
        String who = EmployeeLabels.of(employee);
        if (findCause(cause, InvalidEmployeeException.class) instanceof InvalidEmployeeException invalid) {
            return new Failure(who, invalid.step(), invalid.getMessage(), null);
        }
        Throwable conflict = findCause(cause, AccountConflictException.class);
        if (conflict != null) {
            return new Failure(who, "provision", conflict.getMessage(), null);
        }
        if (findCause(cause, HttpOperationFailedException.class) instanceof HttpOperationFailedException http) {
            return new Failure(who, "provision", targetAnswer(http.getStatusCode(), http.getResponseBody()), http.getStatusCode());
        }
        // before the I/O errors: the JDBC driver's refused connection is a ConnectException too, not the target's
        String database = databaseProblem(cause);
        if (database != null) {
            return new Failure(who, "sync", database, null);
        }
        Throwable io = findCause(cause, IOException.class);
        if (io != null) {
            return new Failure(who, "provision", "target unreachable: " + describe(io), null);
        }
        return new Failure(who, "sync", describe(cause), null);
    }

    /** True when the cause is an answer of Lucca's that says what is wrong (its message is the reason). */
    public static boolean isLuccaAnswer(Throwable cause) {
        return findCause(cause, LuccaReadException.class) != null;
    }

    /** One line for a run that could not complete. */
    public static String ofRun(Throwable cause) {
        Throwable lucca = findCause(cause, LuccaReadException.class);
        if (lucca != null) {
            return lucca.getMessage();
        }
        String database = databaseProblem(cause);
        if (database != null) {
            return database;
        }
        Throwable io = findCause(cause, IOException.class);
        if (io != null) {
            return "cannot reach the server: " + describe(io);
        }
        return describe(cause);
    }

    /**
     * What went wrong with the database, or null when it is not the database. The pool's own message ("Connection is
     * not available, request timed out") hides the driver's, which says where the database was looked for.
     */
    private static String databaseProblem(Throwable cause) {
        SQLException innermost = null;
        boolean unreachable = false;
        for (Throwable current = cause; current != null; current = current.getCause()) {
            if (current instanceof SQLException sql) {
                innermost = sql;
                // SQLState class 08: connection exception; 57P: the server shutting down or starting up
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                unreachable |= state.startsWith("08") || state.startsWith("57P");
            }
        }
        if (innermost == null) {
            return null;
        }
        return (unreachable ? "the database is unreachable: " : "database error: ") + describe(innermost);
    }

    static String targetAnswer(int status, String body) {
        String detail = scimErrorDetail(body);
        String suffix = detail.isEmpty() ? "" : " " + detail;
        if (status == 401 || status == 403) {
            return "the target refused the token (HTTP " + status + "): check TARGET_TOKEN" + suffix;
        }
        if (status == 409) {
            return "the target already has this user (HTTP 409)" + suffix;
        }
        if (status == 429 || status >= 500) {
            return "the target did not accept the call after retries (HTTP " + status + ")" + suffix;
        }
        return "target rejected the user: " + status + suffix;
    }

    /** "scimType: detail" from a SCIM error body (RFC 7644 §3.12), or the body's start when it is not one. */
    private static String scimErrorDetail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode error = JSON.readTree(body);
            String scimType = error.path("scimType").asText("");
            String detail = error.path("detail").asText("");
            String text = (scimType + (scimType.isEmpty() || detail.isEmpty() ? "" : ": ") + detail).strip();
            return truncate(text.isEmpty() ? body.strip() : text);
        } catch (IOException notJson) {
            return truncate(body.strip());
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : truncate(message);
    }

    private static String truncate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "…";
    }

    /** The first exception of this type in the chain of causes, or null: what a bean threw, inside Camel's wrappers. */
    public static Throwable findCause(Throwable cause, Class<? extends Throwable> type) {
        for (Throwable current = cause; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return current;
            }
        }
        return null;
    }
}
