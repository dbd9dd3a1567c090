package io.github.luccaprovisioning.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.luccaprovisioning.sync.RunAlreadyInProgressException;
import io.github.luccaprovisioning.sync.RunLease;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiErrorTest {

    @Test
    void theCallersMistakesAndTheRealConflictsKeepTheirMessageAndStatusInsideCamelsWrappers() {
        assertThat(ApiError.of(new RuntimeCamelException(new BadRequestException("The query parameter 'size' ..."))))
                .isEqualTo(new ApiError(400, "The query parameter 'size' ...", null, null));
        assertThat(ApiError.of(new NotFoundException("There is no run #9"))).isEqualTo(new ApiError(404, "There is no run #9", null, null));
        assertThat(ApiError.of(new DeactivationsNotApprovableException("Run #3 held no deactivations for approval")).status()).isEqualTo(409);
        ApiError inProgress = ApiError.of(new RuntimeCamelException(new RunAlreadyInProgressException(new RunLease.Holder("a", 7))));
        assertThat(inProgress.status()).isEqualTo(409);
        assertThat(inProgress.runningId()).isEqualTo(7);
    }

    @Test
    void anythingElseIsA500WithAnIncidentAndNoneOfTheExceptionsWords() throws Exception {
        for (Exception bug : new Exception[]{new IllegalStateException("lease table in jdbc:postgresql://db/prod"),
                new IllegalArgumentException("For input string: \"abc\""), new NoSuchElementException("No value present"),
                new RuntimeCamelException(new SQLException("password=hunter2 refused"))}) {
            ApiError error = ApiError.of(bug);

            assertThat(error.status()).as(bug.toString()).isEqualTo(500);
            assertThat(error.incident()).matches("[0-9a-f]{8}");
            assertThat(error.error()).contains(error.incident()).doesNotContain("jdbc", "input string", "No value", "hunter2");
        }
        assertThat(ApiError.of(new IllegalStateException()).incident()).as("one id per incident")
                .isNotEqualTo(ApiError.of(new IllegalStateException()).incident());
    }

    @Test
    void theStatusIsNotInTheBody() throws Exception {
        assertThat(new ObjectMapper().writeValueAsString(new ApiError(404, "There is no run #9", null, null)))
                .isEqualTo("{\"error\":\"There is no run #9\"}");
    }

    @Test
    void parametersAreReadOrRefusedNamingTheirForm() {
        assertThat(ApiParameters.runId("12")).isEqualTo(12);
        assertThatThrownBy(() -> ApiParameters.runId("0")).hasMessage("The path parameter 'id' must be a run number like 12, not '0'");
        assertThatThrownBy(() -> ApiParameters.runId("x".repeat(100))).hasMessageEndingWith("not '" + "x".repeat(40) + "...'");
        assertThat(Paging.of(null, "", 20)).isEqualTo(new Paging(0, 20));
        assertThat(Paging.of("3", "200", 20)).isEqualTo(new Paging(3, 200));
        assertThatThrownBy(() -> Paging.of("1e3", null, 20)).isInstanceOf(BadRequestException.class)
                .hasMessage("The query parameter 'page' must be a whole number from 0 to 1000000, like page=0, not '1e3'");
        assertThatThrownBy(() -> Paging.of(null, "0", 50)).isInstanceOf(BadRequestException.class).hasMessageContaining("like size=50");
        assertThat(RunRequests.dryRunAsked("", "TRUE")).isTrue();
        assertThat(RunRequests.dryRunAsked("{}", null)).isFalse();
        assertThat(RunRequests.dryRunAsked("{\"dryRun\": true}", null)).isTrue();
        assertThatThrownBy(() -> RunRequests.dryRunAsked("{\"dryRun\": 1}", null)).isInstanceOf(BadRequestException.class)
                .hasMessage("The field 'dryRun' must be true or false, like {\"dryRun\": true}, not 1");
        assertThatThrownBy(() -> ScheduleRequests.enabledAsked("{}")).isInstanceOf(BadRequestException.class)
                .hasMessage("The body must say whether automatic sync is on, like {\"enabled\": false}");
        assertThatThrownBy(() -> ScheduleRequests.enabledAsked(null)).isInstanceOf(BadRequestException.class)
                .hasMessage("The body must be a JSON object like {\"enabled\": false}");
    }
}
