package io.github.luccaprovisioning.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BoundsTest {

    @Test
    void callsTakeTheLatencySpreadOverTheConcurrency() {
        assertThat(new Bounds(20, 16, 0).seconds(10_000)).isCloseTo(12.5, within(1e-9));
    }

    @Test
    void underARateLimitTheSlowerOfTheTwoLimitsIsTheBound() {
        assertThat(new Bounds(20, 16, 20).seconds(400)).isCloseTo(20.0, within(1e-9));
        assertThat(new Bounds(20, 16, 100_000).seconds(400)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void theRatioIsTheTimeOverTheBoundAndNoneWithoutABound() {
        assertThat(Bounds.ratio(41.25, 12.5)).isEqualTo(String.format("%.2f", 3.3));
        assertThat(Bounds.ratio(2.0, 0)).isEqualTo("-");
    }

    @Test
    void withBulkTheNecessaryWritesAreTheBulkRequests() {
        assertThat(Bounds.necessaryWrites(10_000, 0)).isEqualTo(10_000);
        assertThat(Bounds.necessaryWrites(10_000, 100)).isEqualTo(100);
    }
}
