package io.github.luccaprovisioning.sync.decision;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.sync.decision.ChangePlanner.Action;
import io.github.luccaprovisioning.sync.state.Account;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangePlannerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    private final ChangePlanner planner = new ChangePlanner(Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC), 7);

    private static final Account ACTIVE = new Account("a-1", true, null);
    private static final Account INACTIVE = new Account("a-1", false, null);
    private static final Account NONE_FOUND = new Account(null, false, null);

    private static ObjectNode employee(LocalDate start, LocalDate end) {
        ObjectNode employee = JsonNodeFactory.instance.objectNode().put("id", 1);
        employee.put("dtContractStart", start + "T00:00:00");
        if (end == null) {
            employee.putNull("dtContractEnd");
        } else {
            employee.put("dtContractEnd", end + "T00:00:00");
        }
        return employee;
    }

    private static ObjectNode employed() {
        return employee(TODAY.minusYears(2), null);
    }

    private static ObjectNode leftYesterday() {
        return employee(TODAY.minusYears(2), TODAY.minusDays(1));
    }

    @Test
    void someoneNewIsCreated() {
        assertThat(planner.plan(null, employed())).isEqualTo(Action.CREATE);
        assertThat(planner.plan(NONE_FOUND, employed())).isEqualTo(Action.CREATE);
    }

    @Test
    void aChangedEmployeeWithAnActiveAccountIsUpdated() {
        assertThat(planner.plan(ACTIVE, employed())).isEqualTo(Action.UPDATE);
    }

    @Test
    void aLeaverWithAnActiveAccountIsDeactivatedAndOtherwiseLeftAlone() {
        assertThat(planner.plan(ACTIVE, leftYesterday())).isEqualTo(Action.DEACTIVATE);
        assertThat(planner.plan(INACTIVE, leftYesterday())).isEqualTo(Action.SKIP);
        assertThat(planner.plan(NONE_FOUND, leftYesterday())).isEqualTo(Action.SKIP);
    }

    @Test
    void aLeaverTheSyncNeverMetIsCheckedForAForgottenAccount() {
        assertThat(planner.plan(null, leftYesterday())).isEqualTo(Action.CHECK_LEAVER);
    }

    @Test
    void theLastDayOfTheContractIsStillAWorkingDay() {
        assertThat(planner.plan(ACTIVE, employee(TODAY.minusYears(1), TODAY))).isEqualTo(Action.UPDATE);
    }

    @Test
    void aRehireGetsTheirAccountBack() {
        assertThat(planner.plan(INACTIVE, employed())).isEqualTo(Action.REACTIVATE);
    }

    @Test
    void aFutureHireWaitsUntilTheConfiguredDaysBeforeTheirStart() {
        assertThat(planner.plan(null, employee(TODAY.plusDays(8), null))).isEqualTo(Action.NOT_STARTED_YET);
        assertThat(planner.plan(null, employee(TODAY.plusDays(7), null))).isEqualTo(Action.CREATE);
        assertThat(planner.plan(INACTIVE, employee(TODAY.plusDays(30), null))).as("a rehire starting later").isEqualTo(Action.NOT_STARTED_YET);
        assertThat(planner.plan(ACTIVE, employee(TODAY.plusDays(30), null))).as("an account in use is kept up to date").isEqualTo(Action.UPDATE);
    }

    @Test
    void aNegativeLeadTimeIsRefused() {
        assertThatThrownBy(() -> new ChangePlanner(-1)).hasMessageContaining("sync.days-before-start");
    }
}
