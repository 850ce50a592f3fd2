package io.switchboard.carrier;

import io.switchboard.contract.bus.BusErrors;
import io.switchboard.contract.call.HangupRequest;
import io.switchboard.contract.error.SwitchboardException;

import io.switchboard.carrier.config.CarrierConfig;
import io.switchboard.carrier.runtime.CarrierAdapter;
import io.switchboard.carrier.runtime.CarrierHttp;
import io.switchboard.carrier.runtime.CpsGate;
import io.switchboard.carrier.runtime.WebhookBase;
import io.switchboard.carrier.runtime.WebhookHandler;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.bus.AttemptRequest;
import io.switchboard.contract.bus.BreakerReport;
import io.switchboard.contract.bus.CarrierStatusReport;
import io.switchboard.contract.bus.WebhookDelivery;
import io.switchboard.contract.model.BreakerState;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter of one carrier account (DESIGN section 2, {@code carrier.<name>}): it answers
 * attempts at {@link Addresses#carrier(String)}, webhooks at {@link Addresses#carrierWebhook},
 * probes at {@link Addresses#carrierProbe}, hang-ups at {@link Addresses#carrierHangup}, publishes the
 * normalized reports of its webhooks on {@link Addresses#CARRIER_EVENTS}, and publishes its circuit breaker's state changes on
 * {@link Addresses#CARRIER_BREAKER}. When the health-monitor reports the carrier down, it opens
 * the breaker (which half-opens after its reset timeout for one trial request).
 *
 * <p>Wiring only: {@link CarrierAdapter} carries attempts, {@link WebhookHandler} handles webhooks,
 * the {@link CarrierProvider} knows the wire format.
 */
public final class CarrierVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(CarrierVerticle.class);
    /** How long callees ring on an API-originated call, s. */
    static final int RING_TIMEOUT_S = 60;

    private final CarrierProvider provider;
    private final CarrierConfig config;
    private final String nodeId;
    private final io.switchboard.config.SwitchboardConfig settings;
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private CarrierHttp http;
    private CircuitBreaker breaker;
    private CarrierAdapter adapter;
    private WebhookHandler webhooks;
    private final io.micrometer.core.instrument.MeterRegistry registry;

    /**
     * @param provider the provider's wire format
     * @param config the account (credentials decrypted)
     * @param nodeId this node's id, for breaker reports
     * @param settings the node's configuration (for the webhook base URL, {@link WebhookBase})
     * @param registry the node's metrics: {@code switchboard_carrier_webhooks_total{carrier,result}}
     *     counts webhooks by result ({@code accepted}, {@code refused}, {@code duplicate}) and
     *     {@code switchboard_carrier_webhook_unknown_types_total{carrier}} the event types ignored;
     *     {@code switchboard_carrier_events_total{carrier,type}} the normalized events published
     *     ({@code sms.delivered} against {@code sms.failed} feeds the SMS delivery alert)
     */
    public CarrierVerticle(CarrierProvider provider, CarrierConfig config, String nodeId,
                           io.switchboard.config.SwitchboardConfig settings,
                           io.micrometer.core.instrument.MeterRegistry registry) {
        this.provider = provider;
        this.config = config;
        this.nodeId = nodeId;
        this.settings = settings;
        this.registry = registry;
    }

    @Override
    public Future<?> start() {
        return WebhookBase.resolve(vertx, settings).compose(base -> {
            CarrierAccount account = new CarrierAccount(config.id(), config.provider(),
                    config.baseUrl().isEmpty() ? provider.defaultBaseUrl() : config.baseUrl().replaceAll("/+$", ""),
                    config.credentials(), config.settings(), base + "/v1/webhooks/" + config.id());
            int connections = config.maxConcurrent() > 0 ? Math.min(config.maxConcurrent(), 256) : 64;
            http = new CarrierHttp(vertx, config.timeoutMs(), connections);
            breaker = CircuitBreaker.create("carrier-" + config.id(), vertx, new CircuitBreakerOptions()
                    .setMaxFailures(config.breaker().maxFailures()).setTimeout(config.timeoutMs())
                    .setResetTimeout(config.breaker().resetTimeoutMs()));
            breaker.openHandler(v -> breakerChanged(BreakerState.OPEN))
                    .halfOpenHandler(v -> breakerChanged(BreakerState.HALF_OPEN))
                    .closeHandler(v -> breakerChanged(BreakerState.CLOSED));
            adapter = new CarrierAdapter(provider, account, http, breaker,
                    config.cps() > 0 ? new CpsGate(config.cps()) : null, context, RING_TIMEOUT_S, config.timeoutMs(),
                    Clock.systemUTC());
            webhooks = new WebhookHandler(provider, account, Clock.systemUTC());
            var bus = vertx.eventBus();
            consumers.add(bus.<AttemptRequest>consumer(Addresses.carrier(config.id()),
                    m -> adapter.attempt(m.body()).onComplete(r -> m.reply(r.result()))));
            consumers.add(bus.<WebhookDelivery>consumer(Addresses.carrierWebhook(config.id()), m -> {
                WebhookHandler.Handled handled = webhooks.handle(m.body());
                registry.counter("switchboard.carrier.webhooks", "carrier", config.id(),
                        "result", handled.refusal() != null ? "refused" : "accepted").increment();
                if (handled.duplicates() > 0) {
                    registry.counter("switchboard.carrier.webhooks", "carrier", config.id(), "result", "duplicate")
                            .increment(handled.duplicates());
                }
                if (handled.refusal() != null) {
                    LOG.warn("carrier {}: webhook {} {} from {} refused ({}): {}", config.id(), m.body().method(),
                            m.body().path(), m.body().remoteAddress(), handled.answer().status(), handled.refusal());
                }
                if (!handled.unknownTypes().isEmpty()) {
                    registry.counter("switchboard.carrier.webhook.unknown.types", "carrier", config.id())
                            .increment(handled.unknownTypes().size());
                    LOG.info("carrier {}: webhook event types ignored (not mapped): {}", config.id(), handled.unknownTypes());
                }
                handled.events().forEach(event -> {
                    registry.counter("switchboard.carrier.events", "carrier", config.id(), "type", event.type()).increment();
                    bus.publish(Addresses.CARRIER_EVENTS, event);
                });
                m.reply(handled.answer());
            }));
            consumers.add(bus.<HangupRequest>consumer(Addresses.carrierHangup(config.id()),
                    m -> adapter.hangUp(m.body()).onSuccess(v -> m.reply(null))
                            .onFailure(error -> BusErrors.fail(m, (SwitchboardException) error))));
            consumers.add(bus.consumer(Addresses.carrierProbe(config.id()),
                    m -> adapter.probe().onComplete(r -> m.reply(r.result()))));
            consumers.add(bus.<CarrierStatusReport>consumer(Addresses.CARRIER_STATUS, m -> {
                if (m.body().carrier().equals(config.id()) && m.body().down()
                        && breaker.state() == io.vertx.circuitbreaker.CircuitBreakerState.CLOSED) {
                    LOG.info("carrier {}: health-monitor reports it down; opening its circuit breaker", config.id());
                    breaker.open();
                }
            }));
            LOG.info("carrier {} ({}{}) ready at {}", config.id(), config.provider(), config.sandbox() ? ", sandbox" : "",
                    account.baseUrl());
            return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
        });
    }

    private void breakerChanged(BreakerState state) {
        LOG.info("carrier {}: circuit breaker {}", config.id(), state.wireName());
        vertx.eventBus().publish(Addresses.CARRIER_BREAKER, new BreakerReport(config.id(), state, nodeId, Instant.now()));
    }

    @Override
    public Future<?> stop() {
        if (breaker != null) {
            breaker.close();
        }
        if (http != null) {
            http.close();
        }
        return Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
    }
}
