package io.switchboard.carrier.runtime;

import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierEvent;
import io.switchboard.carrier.CarrierProvider;
import io.switchboard.carrier.InboundWebhook;
import io.switchboard.carrier.WebhookCheck;
import io.switchboard.carrier.WebhookMapping;
import io.switchboard.contract.bus.WebhookAnswer;
import io.switchboard.contract.bus.WebhookDelivery;
import io.switchboard.contract.event.EventEnvelope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Handles one carrier account's webhooks: checks the signature (refusals are answered 401/403 and
 * reported), maps the payload to normalized events, drops redeliveries (same dedupe key, within
 * the last {@value #REMEMBERED} webhooks this node handled) and counts event types nobody maps.
 * When a carrier reports a completed call without its duration (Telnyx), the duration is taken
 * from the times of its answered and completed events, if this node saw both.
 * Not thread-safe: one verticle's context uses it.
 */
public final class WebhookHandler {

    static final int REMEMBERED = 10_000;

    private final CarrierProvider provider;
    private final CarrierAccount account;
    private final Clock clock;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final Map<String, java.time.Instant> answeredAt = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, java.time.Instant> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * @param provider the provider's format
     * @param account the account whose credentials verify the signature
     * @param clock the clock (signature time windows)
     */
    public WebhookHandler(CarrierProvider provider, CarrierAccount account, Clock clock) {
        this.provider = provider;
        this.account = account;
        this.clock = clock;
    }

    /**
     * What handling one webhook produced.
     *
     * @param answer the HTTP answer to the carrier
     * @param events the new normalized events to publish (duplicates removed)
     * @param refusal why the webhook was refused (401/403/400), or null
     * @param unknownTypes provider types nobody maps
     * @param duplicates how many events were redeliveries
     */
    public record Handled(WebhookAnswer answer, List<EventEnvelope> events, String refusal, List<String> unknownTypes,
                          int duplicates) {
    }

    private CarrierEvent withDuration(CarrierEvent event) {
        if (event.id() == null || event.callState() == null) {
            return event;
        }
        if (event.callState() == io.switchboard.contract.model.CallState.ANSWERED) {
            answeredAt.put(event.id(), event.occurredAt());
        } else if (event.callState() == io.switchboard.contract.model.CallState.COMPLETED && event.durationS() == null) {
            java.time.Instant answered = answeredAt.remove(event.id());
            if (answered != null && !event.occurredAt().isBefore(answered)) {
                return event.withDetail(event.sipCode(), event.q850Cause(),
                        (int) java.time.Duration.between(answered, event.occurredAt()).toSeconds());
            }
        }
        return event;
    }

    /** @return the answer and the events of one webhook; never throws */
    public Handled handle(WebhookDelivery delivery) {
        InboundWebhook webhook = new InboundWebhook(delivery.method(), delivery.url(), delivery.path(),
                delivery.headers(), delivery.body(), delivery.remoteAddress());
        WebhookCheck check;
        try {
            check = provider.verify(account, webhook, clock.instant());
        } catch (RuntimeException e) {
            check = WebhookCheck.unauthorized("unreadable signature: " + e.getMessage());
        }
        if (!check.accepted()) {
            return new Handled(WebhookAnswer.of(check.status()), List.of(), check.reason(), List.of(), 0);
        }
        WebhookMapping mapping;
        try {
            mapping = provider.map(webhook, clock.instant());
        } catch (RuntimeException e) {
            return new Handled(WebhookAnswer.of(400), List.of(), "unreadable body: " + e.getMessage(), List.of(), 0);
        }
        List<EventEnvelope> events = new ArrayList<>();
        int duplicates = 0;
        for (CarrierEvent event : mapping.events()) {
            if (event.dedupeKey() != null && seen.put(event.dedupeKey(), Boolean.TRUE) != null) {
                duplicates++;
                continue;
            }
            events.add(CarrierEvents.envelope(account.id(), withDuration(event)));
        }
        WebhookAnswer answer = mapping.reply() == null ? WebhookAnswer.of(200)
                : new WebhookAnswer(mapping.reply().status(), mapping.reply().contentType(), mapping.reply().body());
        return new Handled(answer, events, null, mapping.unknownTypes(), duplicates);
    }
}
