package io.github.luccaprovisioning.sync.decision;

import io.github.luccaprovisioning.sync.decision.DeprovisioningGuard.Decision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeprovisioningGuardTest {

    private final DeprovisioningGuard guard = new DeprovisioningGuard(10, 20);

    @Test
    void deactivationsWithinBothLimitsAreApplied() {
        assertThat(guard.decide(10, 100, true, false)).isEqualTo(Decision.APPLY);
        assertThat(guard.decide(1, 5, true, false)).isEqualTo(Decision.APPLY);
    }

    @Test
    void moreThanTheCountIsHeld() {
        assertThat(guard.decide(11, 1000, true, false)).isEqualTo(Decision.HOLD);
    }

    @Test
    void moreThanThePercentOfActiveAccountsIsHeld() {
        assertThat(guard.decide(3, 10, true, false)).isEqualTo(Decision.HOLD);
        assertThat(guard.decide(2, 10, true, false)).isEqualTo(Decision.APPLY);
    }

    @Test
    void anApprovalLetsHeldDeactivationsThrough() {
        assertThat(guard.decide(500, 1000, true, true)).isEqualTo(Decision.APPLY);
    }

    @Test
    void nothingIsDeactivatedAfterAnIncompleteReadNotEvenWithApproval() {
        assertThat(guard.decide(1, 1000, false, false)).isEqualTo(Decision.READ_INCOMPLETE);
        assertThat(guard.decide(1, 1000, false, true)).isEqualTo(Decision.READ_INCOMPLETE);
        assertThat(guard.decide(0, 1000, false, false)).isEqualTo(Decision.READ_INCOMPLETE);
    }

    @Test
    void nothingPlannedIsNothingToDo() {
        assertThat(guard.decide(0, 1000, true, false)).isEqualTo(Decision.NONE);
    }

    @Test
    void limitsOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> new DeprovisioningGuard(10, 120)).hasMessageContaining("sync.max-deactivation-percent");
    }
}
