package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The employees being synced at this moment. Someone new whose manager is among them, and started first, waits for
 * the manager's account and is created with the manager link, instead of being created without it and patched in
 * the second pass: with employees in parallel, a team lead and the first members of the team often go through
 * together. The split notes each employee as it hands them out ({@code onPrepare}), so in Lucca's order, before any
 * of them runs. An employee only waits for one who started before them, so no two employees wait for each other
 * (even with a manager cycle in Lucca), and never longer than one call to the target may take. An employee done
 * with, whatever the way out (synced, skipped, failed), counts as processed in the run's progress.
 */
public final class AccountsInProgress implements Processor {

    private record Provisioning(long order, CountDownLatch done) {
    }

    private final Map<String, Provisioning> inProgress = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();
    private final long maxWaitMillis;

    /** @param maxWaitMillis the longest wait for a manager's account (http.response-timeout-ms) */
    public AccountsInProgress(long maxWaitMillis) {
        this.maxWaitMillis = maxWaitMillis;
    }

    /** Notes the employee of this exchange as being synced until the exchange is done, whether it succeeded or failed. */
    @Override
    public void process(Exchange exchange) {
        String luccaId = exchange.getMessage().getBody(JsonNode.class).path("id").asText();
        SyncRun run = exchange.getProperty("run", SyncRun.class);
        Provisioning provisioning = new Provisioning(order.incrementAndGet(), new CountDownLatch(1));
        inProgress.put(luccaId, provisioning);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                inProgress.remove(luccaId, provisioning);
                provisioning.done().countDown();
                run.employeeProcessed();
            }
        });
    }

    /** Returns once this employee's manager is no longer being provisioned, if the manager started first. */
    public void awaitManager(JsonNode employee) throws InterruptedException {
        JsonNode manager = employee.path("manager").path("id");
        if (manager.isMissingNode() || manager.isNull()) {
            return;
        }
        Provisioning managers = inProgress.get(manager.asText());
        Provisioning own = inProgress.get(employee.path("id").asText());
        if (managers != null && own != null && managers.order() < own.order()) {
            managers.done().await(maxWaitMillis, TimeUnit.MILLISECONDS);
        }
    }
}
