package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.lucca.LuccaReadException;
import io.github.luccaprovisioning.lucca.InvalidEmployeeException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FailureReasonsTest {

    private final ObjectNode camille = JsonNodeFactory.instance.objectNode()
            .put("id", 1201).put("name", "Camille Moreau").put("employeeNumber", "00412");

    private static HttpOperationFailedException targetAnswered(int status, String body) {
        return new HttpOperationFailedException("http://127.0.0.1/scim/v2/Users", status, "", null, Map.of(), body);
    }

    @Test
    void invalidRecordsFailAtValidationWithTheirOwnReason() {
        Failure failure = FailureReasons.of(camille, new InvalidEmployeeException("email missing"));

        assertThat(failure).isEqualTo(new Failure("#1201 Camille Moreau (00412)", "validate", "email missing", null));
    }

    @Test
    void aScimErrorBodyBecomesTheReason() {
        String body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"400\","
                + "\"scimType\":\"invalidValue\",\"detail\":\"title is too long\"}";

        Failure failure = FailureReasons.of(camille, targetAnswered(400, body));

        assertThat(failure.reason()).isEqualTo("target rejected the user: 400 invalidValue: title is too long");
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure.step()).isEqualTo("provision");
    }

    @Test
    void aRefusedTokenPointsAtTheSettingToFix() {
        assertThat(FailureReasons.of(camille, targetAnswered(401, "")).reason()).contains("TARGET_TOKEN");
    }

    @Test
    void aLongOrNonScimBodyIsCutToOneReadableLine() {
        String reason = FailureReasons.of(camille, targetAnswered(400, "<html>\n" + "x".repeat(1000))).reason();

        assertThat(reason).startsWith("target rejected the user: 400 <html> xxx").endsWith("…").doesNotContain("\n");
        assertThat(reason.length()).isLessThan(400);
    }

    @Test
    void runFailuresKeepLuccasExplanationAndNameUnreachableServers() {
        assertThat(FailureReasons.ofRun(new LuccaReadException("Lucca refused the API key"))).isEqualTo("Lucca refused the API key");
        assertThat(FailureReasons.ofRun(new RuntimeException(new ConnectException("Connection refused"))))
                .isEqualTo("cannot reach the server: Connection refused");
    }

    @Test
    void aDatabaseOutOfReachIsNamedAsTheDatabaseNotTheTarget() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused.", "08001", new ConnectException("Connection refused"));
        SQLException poolTimedOut = new SQLTransientConnectionException("sync-database - Connection is not available", "08001", refused);

        assertThat(FailureReasons.of(camille, poolTimedOut))
                .isEqualTo(new Failure("#1201 Camille Moreau (00412)", "sync", "the database is unreachable: Connection to 127.0.0.1:5432 refused.", null));
        assertThat(FailureReasons.ofRun(new RuntimeException(poolTimedOut)))
                .isEqualTo("the database is unreachable: Connection to 127.0.0.1:5432 refused.");
        assertThat(FailureReasons.ofRun(new SQLException("value too long for type character varying(64)", "22001")))
                .isEqualTo("database error: value too long for type character varying(64)");
    }
}
