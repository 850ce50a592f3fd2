package io.switchboard.carrier.runtime;

import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierFailure;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.carrier.CarrierHttpResponse;
import io.switchboard.carrier.CarrierProvider;
import io.switchboard.carrier.OutboundCall;
import io.switchboard.carrier.OutboundMessage;
import io.switchboard.contract.bus.AttemptReply;
import io.switchboard.contract.bus.AttemptRequest;
import io.switchboard.contract.bus.ProbeResult;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.model.AttemptOutcome;
import io.switchboard.contract.model.Service;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Carries attempts and probes to one carrier account: the provider builds the request, the
 * {@link CpsGate} paces it, the account's circuit breaker guards it, {@link CarrierHttp} sends
 * it, and the provider reads the answer. Every outcome becomes an {@link AttemptReply}; nothing
 * fails the returned futures.
 *
 * <p>Only retryable failures (429, 5xx, timeouts, connection errors) count against the breaker: a
 * final refusal such as an invalid number says nothing about the carrier's health. While the
 * breaker is open, attempts are refused at once as retryable, so the router fails over without
 * waiting.
 */
public final class CarrierAdapter {

    private final CarrierProvider provider;
    private final CarrierAccount account;
    private final CarrierHttp http;
    private final CircuitBreaker breaker;
    private final CpsGate cps;
    private final Context context;
    private final int ringTimeoutS;
    private final long timeoutMs;
    private final Clock clock;

    /**
     * @param provider the provider's wire format
     * @param account the account (base URL, credentials, webhook base)
     * @param http the account's HTTP client
     * @param breaker the account's circuit breaker
     * @param cps the account's CPS gate, or null for no limit
     * @param context the verticle's context
     * @param ringTimeoutS how long callees ring, s
     * @param timeoutMs the account's request timeout, ms (for messages)
     * @param clock the clock
     */
    public CarrierAdapter(CarrierProvider provider, CarrierAccount account, CarrierHttp http, CircuitBreaker breaker,
                          CpsGate cps, Context context, int ringTimeoutS, long timeoutMs, Clock clock) {
        this.provider = provider;
        this.account = account;
        this.http = http;
        this.breaker = breaker;
        this.cps = cps;
        this.context = context;
        this.ringTimeoutS = ringTimeoutS;
        this.timeoutMs = timeoutMs;
        this.clock = clock;
    }

    /** @return the reply to the router: accepted with the carrier's id, or the classified failure */
    public Future<AttemptReply> attempt(AttemptRequest ask) {
        CarrierHttpRequest request;
        if (ask.from() == null && defaultFrom() == null) {
            return Future.succeededFuture(refusal(false, ErrorCode.TEL_011, "from",
                    "from: no caller number given and carrier " + account.id() + " has no from_number setting"));
        }
        try {
            request = ask.service() == Service.VOICE
                    ? provider.placeCall(account, new OutboundCall(ask.callId(), ask.sequence(), ask.to(),
                            ask.from() != null ? ask.from() : defaultFrom(), ask.callerName(),
                            ask.ringTimeoutS() != null ? ask.ringTimeoutS() : ringTimeoutS, ask.record()))
                    : provider.sendMessage(account, new OutboundMessage(ask.callId(), ask.sequence(), ask.to(),
                            ask.from() != null ? ask.from() : defaultFrom(), ask.text() == null ? "" : ask.text()));
        } catch (UnsupportedOperationException e) {
            return Future.succeededFuture(refusal(false, ErrorCode.TEL_009, "unsupported", e.getMessage()));
        } catch (RuntimeException e) {
            return Future.succeededFuture(refusal(false, ErrorCode.TEL_011, "request", e.getMessage()));
        }
        Future<Boolean> turn = cps == null ? Future.succeededFuture(true) : cps.acquire(context, ask.timeoutMs() / 2);
        return turn.compose(granted -> granted ? call(request, ask.service())
                : Future.succeededFuture(refusal(true, ErrorCode.TEL_003, "cps",
                        "CPS limit of carrier " + account.id() + ": no slot within " + ask.timeoutMs() / 2 + " ms")));
    }

    private Future<AttemptReply> call(CarrierHttpRequest request, Service service) {
        return guarded(request).map(response -> {
            if (response.isSuccess()) {
                try {
                    var refused = provider.refusal(response, service, clock.instant());
                    if (refused.isPresent()) {
                        return reply(refused.get());
                    }
                    return AttemptReply.accepted(provider.acceptedId(response, service));
                } catch (RuntimeException e) {
                    return refusal(true, ErrorCode.TEL_006, String.valueOf(response.status()),
                            "unreadable acceptance: " + e.getMessage());
                }
            }
            return reply(provider.failure(response, clock.instant()));
        }).otherwise(error -> reply(failureOf(error)));
    }

    /** Sends through the breaker; a retryable status fails the breaker's future but is still returned. */
    private Future<CarrierHttpResponse> guarded(CarrierHttpRequest request) {
        return breaker.<CarrierHttpResponse>execute(() -> http.send(request).compose(response ->
                        retryableStatus(response) ? Future.failedFuture(new RetryableStatus(response))
                                : Future.succeededFuture(response)))
                .recover(error -> error instanceof RetryableStatus status
                        ? Future.succeededFuture(status.response) : Future.failedFuture(error));
    }

    private static boolean retryableStatus(CarrierHttpResponse response) {
        return response.status() == 429 || response.status() >= 500;
    }

    private CarrierFailure failureOf(Throwable error) {
        if (error instanceof OpenCircuitException) {
            return new CarrierFailure(true, 0, "breaker-open", "circuit breaker of " + account.id() + " is open",
                    ErrorCode.TEL_006, null);
        }
        if (error instanceof TimeoutException || error instanceof io.vertx.circuitbreaker.TimeoutException
                || error instanceof io.netty.handler.timeout.TimeoutException
                || String.valueOf(error.getMessage()).contains("timeout")) {
            return CarrierFailure.timeout(timeoutMs);
        }
        if (error instanceof ConnectException || error instanceof java.io.IOException) {
            return CarrierFailure.connection(String.valueOf(error.getMessage()));
        }
        return CarrierFailure.connection(error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    private static AttemptReply reply(CarrierFailure failure) {
        AttemptOutcome outcome = failure.cause() == ErrorCode.TEL_007 ? AttemptOutcome.TIMEOUT
                : failure.retryable() ? AttemptOutcome.RETRYABLE_FAILURE : AttemptOutcome.FINAL_FAILURE;
        return new AttemptReply(outcome, null, failure.cause(), null, null, failure.carrierCode(), failure.message());
    }

    private static AttemptReply refusal(boolean retryable, ErrorCode cause, String code, String message) {
        return new AttemptReply(retryable ? AttemptOutcome.RETRYABLE_FAILURE : AttemptOutcome.FINAL_FAILURE, null,
                cause, null, null, code, message);
    }

    private io.switchboard.contract.model.E164 defaultFrom() {
        String from = account.setting("from_number", null);
        return from == null ? null : io.switchboard.contract.model.E164.parse(from);
    }

    /**
     * Hangs up or cancels a call at the carrier (the provider's own endpoint, through the circuit
     * breaker).
     *
     * @return done when the carrier accepted; failed with a {@link io.switchboard.contract.error.SwitchboardException}:
     *     TEL-009 when the provider documents no hang-up endpoint, TEL-006 when the carrier refused
     *     or could not be reached
     */
    public Future<Void> hangUp(io.switchboard.contract.call.HangupRequest ask) {
        var request = provider.hangUp(account, ask.carrierCallId(), ask.state());
        if (request.isEmpty()) {
            return Future.failedFuture(new io.switchboard.contract.error.SwitchboardException(ErrorCode.TEL_009,
                    provider.name() + " documents no hang-up endpoint; the call ends when the callee hangs up"));
        }
        return guarded(request.get()).<Void>compose(response -> response.isSuccess() ? Future.succeededFuture()
                        : Future.failedFuture(new io.switchboard.contract.error.SwitchboardException(ErrorCode.TEL_006,
                                "carrier " + account.id() + " refused the hang-up: "
                                        + provider.failure(response, clock.instant()).message())))
                .recover(error -> Future.failedFuture(error instanceof io.switchboard.contract.error.SwitchboardException
                        ? error : new io.switchboard.contract.error.SwitchboardException(ErrorCode.TEL_006,
                                "hang-up at carrier " + account.id() + " failed: " + failureOf(error).message())));
    }

    /**
     * The health-monitor's active probe: the provider's cheap authenticated read. It bypasses a
     * closed or open breaker (a probe must reach a carrier whose breaker is open, to see it come
     * back); while the breaker is half-open it goes through it as the trial request, so a
     * successful probe closes the breaker.
     *
     * @return the probe's result; never a failed future
     */
    public Future<ProbeResult> probe() {
        Instant sent = clock.instant();
        long start = System.nanoTime();
        CarrierHttpRequest request = provider.probe(account);
        Future<CarrierHttpResponse> answer = breaker.state() == io.vertx.circuitbreaker.CircuitBreakerState.HALF_OPEN
                ? guarded(request) : http.send(request);
        return answer.map(response -> new ProbeResult(account.id(), response.isSuccess(),
                        elapsedMs(start), response.status(), response.status() + (response.isSuccess() ? " OK" : " refused"),
                        sent))
                .otherwise(error -> new ProbeResult(account.id(), false, elapsedMs(start), 0,
                        failureOf(error).message(), sent));
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** A 429 or 5xx, carried through the breaker as a failure so it counts. */
    private static final class RetryableStatus extends RuntimeException {
        private final transient CarrierHttpResponse response;

        RetryableStatus(CarrierHttpResponse response) {
            super("HTTP " + response.status(), null, false, false);
            this.response = response;
        }
    }
}
