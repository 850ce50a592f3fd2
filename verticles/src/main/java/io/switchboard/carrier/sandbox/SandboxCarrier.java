package io.switchboard.carrier.sandbox;

import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.contract.model.CallState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sandbox carrier: an HTTP server on its own loopback port that speaks one provider's API
 * (through its {@link ProviderSimulator}), plays each accepted call or message through a
 * {@link CallScript} and sends the provider's signed webhooks to the URLs the request named.
 * Faults come from its {@link SandboxBehaviour}: added latency, a share of requests failing with
 * 503, 429, no response or a reset connection, and full outage (the port stops listening, so
 * connections are refused, and webhooks of calls in progress stop).
 *
 * <p>Runs on the event loop of the verticle that created it; holds at most
 * {@value #MAX_CALLS} calls for fetches (oldest forgotten first).
 */
public final class SandboxCarrier {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxCarrier.class);
    static final int MAX_CALLS = 50_000;

    private final Vertx vertx;
    private final String id;
    private final ProviderSimulator simulator;
    private final Map<String, String> account;
    private final WebClient webhooks;
    private final Clock clock;
    private final SecureRandom ids = new SecureRandom();
    private final Map<String, SimCall> calls = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SimCall> eldest) {
            return size() > MAX_CALLS;
        }
    };
    private volatile SandboxBehaviour behaviour;
    private HttpServer server;
    private int port;
    private long webhooksSent;
    private long webhooksFailed;

    /**
     * @param vertx the Vert.x instance
     * @param id the carrier id it plays
     * @param simulator the provider's format
     * @param account the sandbox account's credentials ({@link ProviderSimulator#newAccount})
     * @param behaviour its initial behaviour
     * @param clock the clock
     */
    public SandboxCarrier(Vertx vertx, String id, ProviderSimulator simulator, Map<String, String> account,
                          SandboxBehaviour behaviour, Clock clock) {
        this.vertx = vertx;
        this.id = id;
        this.simulator = simulator;
        this.account = Map.copyOf(account);
        this.behaviour = behaviour;
        this.clock = clock;
        this.webhooks = WebClient.create(vertx);
    }

    /** @return the future port it listens on (127.0.0.1, chosen by the OS) */
    public Future<Integer> start() {
        return listen(0).map(p -> port = p);
    }

    private Future<Integer> listen(int wanted) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(wanted)
                .setReuseAddress(true)).requestHandler(this::serve);
        return server.listen().map(HttpServer::actualPort);
    }

    /** @return the carrier id */
    public String id() {
        return id;
    }

    /** @return the base URL of its API, {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** @return the account's credentials, for the adapter */
    public Map<String, String> account() {
        return account;
    }

    /** @return its current behaviour */
    public SandboxBehaviour behaviour() {
        return behaviour;
    }

    /** @return webhooks sent and webhooks whose delivery failed */
    public long[] webhookCounts() {
        return new long[] {webhooksSent, webhooksFailed};
    }

    /**
     * Applies a new behaviour; turning outage on closes the port, turning it off listens again on
     * the same port.
     */
    public Future<Void> apply(SandboxBehaviour next) {
        boolean wasDown = behaviour.outage();
        behaviour = next;
        if (next.outage() && !wasDown && server != null) {
            LOG.info("sandbox carrier {}: outage on (port {} closed)", id, port);
            HttpServer closing = server;
            server = null;
            return closing.close();
        }
        if (!next.outage() && wasDown) {
            LOG.info("sandbox carrier {}: outage off (port {} listening)", id, port);
            return listen(port).mapEmpty();
        }
        return Future.succeededFuture();
    }

    /** Stops listening and closes the webhook client. */
    public Future<Void> stop() {
        webhooks.close();
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void serve(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            SandboxBehaviour now = behaviour;
            if (now.errorPercent() > 0 && ThreadLocalRandom.current().nextInt(100) < now.errorPercent()) {
                switch (now.errorKind()) {
                    case "timeout" -> {
                        return; // never answered: the adapter's timeout fires
                    }
                    case "connection-refused" -> {
                        request.connection().close();
                        return;
                    }
                    case "rate-limited" -> {
                        respond(request, withRetryAfter(simulator.error(new SimError(SimError.Kind.RATE_LIMITED,
                                "too many requests"))), now);
                        return;
                    }
                    default -> {
                        respond(request, simulator.error(new SimError(SimError.Kind.SERVER_ERROR, "injected failure")), now);
                        return;
                    }
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            request.headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
            CarrierHttpRequest incoming = new CarrierHttpRequest(request.method().name(), request.uri(), headers,
                    body.getBytes());
            respond(request, operate(simulator.read(incoming, account)), now);
        });
    }

    private CarrierHttpResponse operate(SimOperation op) {
        if (op.error() != null) {
            return simulator.error(op.error());
        }
        Instant now = clock.instant();
        switch (op.kind()) {
            case CREATE_CALL, SEND_MESSAGE -> {
                boolean message = op.kind() == SimOperation.Kind.SEND_MESSAGE;
                SimCall call = new SimCall(simulator.newId(ids, message), message, op.to(), op.from(), op.text(),
                        op.callbacks(), op.reference(), "queued", now, null, null);
                calls.put(call.id(), call);
                play(call.id(), message ? CallScript.message(behaviour, ThreadLocalRandom.current())
                        : CallScript.call(behaviour, ThreadLocalRandom.current()));
                return simulator.accepted(call);
            }
            case FETCH_CALL -> {
                SimCall call = calls.get(op.carrierId());
                return call == null ? simulator.error(new SimError(SimError.Kind.NOT_FOUND, "no call " + op.carrierId()))
                        : simulator.fetched(call);
            }
            case HANG_UP -> {
                SimCall call = calls.get(op.carrierId());
                if (call == null) {
                    return simulator.error(new SimError(SimError.Kind.NOT_FOUND, "no call " + op.carrierId()));
                }
                CallState state = CallState.fromWire(call.status());
                if (!state.isFinal()) {
                    report(call.id(), SimEvent.call(state == CallState.ANSWERED ? CallState.COMPLETED : CallState.CANCELED,
                            state == CallState.ANSWERED ? 200 : 487));
                }
                return simulator.hungUp(calls.get(op.carrierId()));
            }
            case PROBE -> {
                return simulator.probed(account);
            }
            default -> {
                return simulator.error(new SimError(SimError.Kind.NOT_FOUND, "no such endpoint"));
            }
        }
    }

    private void play(String callId, List<CallScript.Step> steps) {
        for (CallScript.Step step : steps) {
            vertx.setTimer(Math.max(1, step.atMs()), t -> report(callId, step.event()));
        }
    }

    /** Moves a call to the step's state (unless it already ended) and sends the step's webhooks. */
    private void report(String callId, SimEvent event) {
        SimCall call = calls.get(callId);
        if (call == null || behaviour.outage()) {
            return;
        }
        String status = event.callState() != null ? event.callState().wireName() : event.messageState().wireName();
        boolean ended = event.callState() != null ? CallState.fromWire(call.status()).isFinal()
                : call.status().equals("delivered") || call.status().equals("failed");
        if (ended) {
            return;
        }
        Instant now = clock.instant();
        boolean answered = event.callState() == CallState.ANSWERED;
        boolean finished = event.callState() != null ? event.callState().isFinal() : event.messageState().isFinal();
        SimCall next = call.advance(status, answered ? now : null, finished ? now : null);
        calls.put(callId, next);
        for (CarrierHttpRequest webhook : simulator.callbacks(next, event, account, now)) {
            send(webhook);
        }
    }

    private void send(CarrierHttpRequest webhook) {
        HttpRequest<Buffer> http = webhooks.requestAbs(HttpMethod.valueOf(webhook.method()), webhook.url()).timeout(10_000);
        webhook.headers().forEach(http::putHeader);
        (webhook.body().length == 0 ? http.send() : http.sendBuffer(Buffer.buffer(webhook.body())))
                .onSuccess(response -> {
                    webhooksSent++;
                    if (response.statusCode() >= 300) {
                        webhooksFailed++;
                        LOG.warn("sandbox carrier {}: webhook {} answered {}", id, webhook.url(), response.statusCode());
                    }
                })
                .onFailure(error -> {
                    webhooksFailed++;
                    LOG.warn("sandbox carrier {}: webhook {} failed: {}", id, webhook.url(), error.getMessage());
                });
    }

    private static CarrierHttpResponse withRetryAfter(CarrierHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
        headers.putIfAbsent("Retry-After", List.of("1"));
        return new CarrierHttpResponse(response.status(), headers, response.body());
    }

    private void respond(HttpServerRequest request, CarrierHttpResponse response, SandboxBehaviour now) {
        Runnable write = () -> {
            var out = request.response().setStatusCode(response.status());
            response.headers().forEach((name, values) -> out.putHeader(name, values));
            out.end(Buffer.buffer(response.body()));
        };
        if (now.latencyMs() > 0) {
            vertx.setTimer(now.latencyMs(), t -> write.run());
        } else {
            write.run();
        }
    }
}
