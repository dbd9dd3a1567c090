package io.github.luccaprovisioning.ops;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;

import java.util.List;

/**
 * Camel's word that a request to one of the target's addresses was answered or failed (an {@link ExchangeSentEvent},
 * with the time the send took), handed to {@link SyncMetrics#targetAnswered}. Every other endpoint is let be.
 */
final class TargetCallTimer extends EventNotifierSupport {

    private final SyncMetrics metrics;
    private final List<String> targetAddresses;

    /** @param targetAddresses where the target's requests go (the SCIM base URL, the Cost Centers API) */
    TargetCallTimer(SyncMetrics metrics, List<String> targetAddresses) {
        this.metrics = metrics;
        this.targetAddresses = List.copyOf(targetAddresses);
        // Camel sends an ExchangeSentEvent only for a send whose ExchangeSendingEvent someone took
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        if (event instanceof ExchangeSendingEvent sending) {
            return isTarget(sending.getEndpoint().getEndpointUri());
        }
        return event instanceof ExchangeSentEvent sent && isTarget(sent.getEndpoint().getEndpointUri());
    }

    // asked for every message any route sends (a dozen an employee): a loop, not a stream each time
    private boolean isTarget(String uri) {
        for (String address : targetAddresses) {
            if (uri.startsWith(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeSentEvent sent) {
            Exchange exchange = sent.getExchange();
            metrics.targetAnswered(sent.getTimeTaken(), exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class),
                    exchange.getException());
        }
    }
}
