package io.github.luccaprovisioning.ops;

import io.github.luccaprovisioning.mapping.TargetProfile;
import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.decision.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.spi.ManagementStrategy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The sync's own figures, on Camel's Micrometer registry (Prometheus at /observe/metrics on the management port):
 * {@code lucca_provisioning_runs_total{status}}, {@code lucca_provisioning_records_total{outcome}},
 * {@code lucca_provisioning_run_duration_seconds}, {@code lucca_provisioning_lucca_calls_total{status}} (429s
 * included) and {@code lucca_provisioning_target_calls_seconds{status, outcome}}, the latency and failures of the
 * calls to the target, timed by Camel as they are sent ({@link TargetCallTimer}).
 */
public final class SyncMetrics implements CamelContextAware {

    private final TargetProfile target;
    private CamelContext camelContext;
    private volatile MeterRegistry meters;

    /** @param target whose calls are timed, wherever in the routes they are sent from */
    public SyncMetrics(TargetProfile target) {
        this.target = target;
    }

    /** Counts a run by the status it ended with, its records by outcome, and its duration. */
    public void runEnded(SyncRun run) {
        MeterRegistry registry = meters();
        Counter.builder("lucca.provisioning.runs").description("Sync runs, by the status they ended with")
                .tag("status", run.getStatus().name().toLowerCase()).register(registry).increment();
        for (Outcome outcome : Outcome.values()) {
            Counter.builder("lucca.provisioning.records").description("Employees by what a run did with them")
                    .tag("outcome", outcome.name().toLowerCase()).register(registry).increment(run.countOf(outcome));
        }
        if (run.getFinishedAt() != null) {
            Timer.builder("lucca.provisioning.run.duration").description("How long sync runs took")
                    .register(registry).record(Duration.between(run.getStartedAt(), run.getFinishedAt()));
        }
    }

    /** Counts one answer of Lucca's directory API by its HTTP status: a 429 is Lucca's rate limit. */
    public void luccaAnswered(Integer status) {
        Counter.builder("lucca.provisioning.lucca.calls").description("Calls to Lucca's API, by HTTP status")
                .tag("status", status == null ? "none" : String.valueOf(status)).register(meters()).increment();
    }

    /**
     * Times one call to the target and counts it by HTTP status ("none" when no answer came: a timeout, a reset).
     *
     * @param millis  how long the call took
     * @param failure what the call threw, or null when it was answered with a success
     */
    void targetAnswered(long millis, Integer status, Exception failure) {
        Integer answered = status;
        if (failure instanceof HttpOperationFailedException refused) {
            answered = refused.getStatusCode();
        } else if (failure != null) {
            answered = null;
        }
        Timer.builder("lucca.provisioning.target.calls").description("Calls to the target, by HTTP status")
                .tag("status", answered == null ? "none" : String.valueOf(answered))
                .tag("outcome", failure == null ? "answered" : "failed")
                .register(meters()).record(millis, TimeUnit.MILLISECONDS);
    }

    private MeterRegistry meters() {
        if (meters == null) {
            MeterRegistry found = camelContext == null ? null : camelContext.getRegistry().findSingleByType(MeterRegistry.class);
            // with camel.metrics.enabled=false the figures are kept nowhere visible, and nothing fails
            meters = found != null ? found : new SimpleMeterRegistry();
        }
        return meters;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        // not a bean of its own, and once per context: camel-main registers the event notifiers it finds in the
        // registry, and may be handed this bean more than once
        ManagementStrategy management = camelContext.getManagementStrategy();
        if (management.getEventNotifiers().stream().noneMatch(TargetCallTimer.class::isInstance)) {
            management.addEventNotifier(new TargetCallTimer(this,
                    List.of(target.getBaseUrl(), Objects.toString(target.getCostCentersUrl(), target.getBaseUrl()))));
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
