package io.switchboard.replay;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Places the replay's calls through the public REST API ({@code POST /v1/calls} with
 * {@code Authorization: Bearer <key>}), paced at a fixed rate: call {@code i} is sent at
 * {@code start + i / cps} (a late sender catches up without bursts beyond the schedule). Each
 * call carries {@code metadata.replay_run} so the report finds the run's records in the CDR
 * tables, and {@code timeout} (ring timeout, s).
 *
 * <p>Kept in memory: what the API answered (for the progress line and for the API latency, the
 * one figure the report takes from the client), never the call outcomes (those come from the
 * tables). At most {@value #MAX_IN_FLIGHT} requests are in flight; beyond that the schedule waits.
 */
public final class TrafficPlayer {

    static final int MAX_IN_FLIGHT = 2_000;
    private static final String FROM = "+14155550100";

    /**
     * What the API answered one call.
     *
     * @param status HTTP status (0: no answer: connection error or time-out)
     * @param callId the call id (from the body, or the error's {@code details.call_id}), or null
     * @param errorCode the TEL code of an error answer, or null
     * @param latencyNanos request sent to response read, ns
     */
    public record Answer(int status, String callId, String errorCode, long latencyNanos) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI calls;
    private final String apiKey;
    private final String runId;
    private final int ringTimeoutS;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private volatile boolean stopAsked;

    /**
     * @param apiBase the public API, {@code http://127.0.0.1:<port>}
     * @param apiKey the key sent as {@code Authorization: Bearer}
     * @param runId this run's tag, sent as {@code metadata.replay_run}
     * @param ringTimeoutS the {@code timeout} of every call, s
     */
    public TrafficPlayer(String apiBase, String apiKey, String runId, int ringTimeoutS) {
        this.calls = URI.create(apiBase + "/v1/calls");
        this.apiKey = apiKey;
        this.runId = runId;
        this.ringTimeoutS = ringTimeoutS;
    }

    /**
     * Places the calls; blocks the calling thread until the last request is answered.
     *
     * @param numbers destinations in order
     * @param cps calls per second
     * @param maxDuration longest time to place calls, or null
     * @param startNanos {@link System#nanoTime} of the schedule's start
     */
    public void play(List<String> numbers, double cps, Duration maxDuration, long startNanos) {
        long stopAt = maxDuration == null ? Long.MAX_VALUE : startNanos + maxDuration.toNanos();
        double intervalNanos = 1e9 / cps;
        for (int i = 0; i < numbers.size() && !stopAsked; i++) {
            long due = startNanos + (long) (i * intervalNanos);
            if (due >= stopAt) {
                break;
            }
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquireUninterruptibly();
            send(numbers.get(i), i);
        }
        inFlight.acquireUninterruptibly(MAX_IN_FLIGHT);
        inFlight.release(MAX_IN_FLIGHT);
    }

    /** Makes {@link #play} stop placing calls (those in flight are still awaited). */
    public void stop() {
        stopAsked = true;
    }

    private void send(String to, int index) {
        JsonObject body = new JsonObject().put("to", to).put("from", FROM).put("timeout", ringTimeoutS)
                .put("metadata", new JsonObject().put("replay_run", runId).put("row", index));
        HttpRequest request = HttpRequest.newBuilder(calls).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
        long began = System.nanoTime();
        placed.incrementAndGet();
        CompletableFuture<HttpResponse<String>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        sent.whenComplete((response, error) -> {
            try {
                long latency = System.nanoTime() - began;
                Answer answer = error != null ? new Answer(0, null, null, latency) : read(response, latency);
                answers.add(answer);
                if (answer.callId() == null) {
                    refused.incrementAndGet();
                }
                answered.incrementAndGet();
            } finally {
                inFlight.release();
            }
        });
    }

    private static Answer read(HttpResponse<String> response, long latency) {
        try {
            JsonObject json = new JsonObject(response.body());
            if (response.statusCode() < 300) {
                return new Answer(response.statusCode(), json.getString("id"), null, latency);
            }
            JsonObject error = json.getJsonObject("error", new JsonObject());
            JsonObject details = error.getJsonObject("details", new JsonObject());
            return new Answer(response.statusCode(), details.getString("call_id"), error.getString("code"), latency);
        } catch (RuntimeException e) {
            return new Answer(response.statusCode(), null, null, latency);
        }
    }

    /** @return requests sent so far */
    public long placed() {
        return placed.get();
    }

    /** @return requests the API answered (or that failed at the client) so far */
    public long answered() {
        return answered.get();
    }

    /** @return answers without a call id (refused before a call existed, or no answer at all) */
    public long refused() {
        return refused.get();
    }

    /** @return every answer so far */
    public List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** Waits at most {@code timeout} for requests in flight (after {@link #stop}). */
    public void awaitInFlight(Duration timeout) throws InterruptedException {
        if (inFlight.tryAcquire(MAX_IN_FLIGHT, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            inFlight.release(MAX_IN_FLIGHT);
        }
    }
}
