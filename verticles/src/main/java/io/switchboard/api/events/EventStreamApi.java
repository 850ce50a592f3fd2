package io.switchboard.api.events;

import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.http.ErrorResponses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The WebSocket event stream {@code GET /v1/events}: every event of the caller's tenant as it is
 * published on {@link Addresses#EVENTS}, filtered, with resume from a recent event id.
 *
 * <p>Request: an API key (resolved to a tenant by {@code tenantOf}); query {@code types}
 * (comma-separated names or {@code call.*} wildcards, see {@link EventFilter}), {@code call_id}
 * (UUID), {@code last_event_id} (or the {@code Last-Event-ID} header). A failed {@code tenantOf}
 * is answered with its {@link SwitchboardException} (e.g. 401 TEL-008); a bad parameter with 400
 * TEL-011 naming it in {@code details.field}; a request without WebSocket upgrade headers with 400
 * TEL-011 ({@code field: upgrade}). All of these before the upgrade.
 *
 * <p>Frames (text, JSON, see {@link StreamFrames}): {@code stream.opened}; with
 * {@code last_event_id}, the retained events after it or {@code stream.reset}; then every
 * matching event as its envelope JSON. Client frames are ignored. A client whose write queue
 * exceeds {@code maxQueuedBytes} is sent {@code stream.lagged} and closed with 1008
 * "fell behind" ({@link EventSubscriber}); {@link #stop()} closes every socket with 1001
 * (RFC 6455 section 7.4.1).
 *
 * <p>Threading: the buffer, the sockets and the counters are confined to the context that calls
 * {@link #start()} (the http-api verticle's event loop); callbacks arriving on another context
 * hop to it. Nothing blocks.
 */
public final class EventStreamApi {

    /** The route path. */
    public static final String PATH = "/v1/events";
    /** Query parameter of the resume point. */
    public static final String LAST_EVENT_ID = "last_event_id";
    /** Header alternative to {@link #LAST_EVENT_ID} (as in Server-Sent Events). */
    public static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";

    private final Vertx vertx;
    private final EventBuffer buffer;
    private final Function<RoutingContext, Future<String>> tenantOf;
    private final int maxQueuedBytes;
    private final Set<EventSubscriber> subscribers = new LinkedHashSet<>();
    private Context context;
    private MessageConsumer<EventEnvelope> consumer;
    private volatile long laggedDisconnects;
    private volatile long delivered;

    /**
     * @param vertx the Vert.x instance of the http-api
     * @param buffer this node's retention of recent events, used only by this API
     * @param tenantOf resolves the request's API key to its tenant id; a failure with a
     *     {@link SwitchboardException} is written as that error, any other failure as TEL-900
     * @param maxQueuedBytes how many bytes may wait in one socket's write queue before the client
     *     counts as fallen behind (e.g. 1 MiB); positive
     * @throws IllegalArgumentException if {@code maxQueuedBytes} is not positive
     */
    public EventStreamApi(Vertx vertx, EventBuffer buffer, Function<RoutingContext, Future<String>> tenantOf,
            int maxQueuedBytes) {
        if (maxQueuedBytes <= 0) {
            throw new IllegalArgumentException("maxQueuedBytes must be positive, got " + maxQueuedBytes);
        }
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.tenantOf = Objects.requireNonNull(tenantOf, "tenantOf");
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /**
     * Adds {@code GET /v1/events}; the upgrade request has no body, so a {@code BodyHandler}
     * route before it does no harm.
     *
     * @param router the public API router
     */
    public void mount(Router router) {
        router.route(HttpMethod.GET, PATH).handler(this::handle);
    }

    /**
     * Registers the one local consumer of {@link Addresses#EVENTS} (bodies {@link EventEnvelope},
     * codecs registered by {@code Codecs.registerAll}): each event is appended to the buffer and
     * written to every open socket whose filter matches. Call it once, on the verticle's context.
     *
     * @return completes when the consumer is registered
     */
    public Future<Void> start() {
        context = vertx.getOrCreateContext();
        consumer = vertx.eventBus().localConsumer(Addresses.EVENTS, message -> publish(message.body()));
        return consumer.completion();
    }

    /**
     * Unregisters the consumer and closes every socket with 1001 (going away).
     *
     * @return completes when the consumer is unregistered
     */
    public Future<Void> stop() {
        return onContext(() -> {
            for (EventSubscriber subscriber : List.copyOf(subscribers)) {
                subscriber.close(EventSubscriber.GOING_AWAY, "server shutting down");
            }
            subscribers.clear();
        }).compose(v -> consumer == null ? Future.succeededFuture() : consumer.unregister());
    }

    /**
     * @return how many clients were closed for falling behind since start (written on the API's
     *     context only, readable from any thread)
     */
    public long laggedDisconnects() {
        return laggedDisconnects;
    }

    /** @return how many sockets are open now; call it on the API's context */
    public int openStreams() {
        return subscribers.size();
    }

    /**
     * @return how many live event frames were handed to sockets since start (replays not
     *     counted; readable from any thread)
     */
    public long delivered() {
        return delivered;
    }

    private void publish(EventEnvelope event) {
        buffer.append(event);
        String json = null;
        int handed = 0;
        for (EventSubscriber subscriber : subscribers) {
            if (subscriber.filter().matches(event)) {
                if (json == null) {
                    json = StreamFrames.event(event);
                }
                subscriber.deliver(json);
                handed++;
            }
        }
        if (handed > 0) {
            delivered += handed;
            subscribers.removeIf(EventSubscriber::closed);
        }
    }

    private void handle(RoutingContext ctx) {
        if (context == null) {
            ctx.fail(new IllegalStateException("EventStreamApi.start() was not called"));
            return;
        }
        tenantOf.apply(ctx).onComplete(tenant -> {
            if (tenant.failed()) {
                fail(ctx, tenant.cause());
                return;
            }
            EventFilter filter;
            String lastEventId;
            try {
                filter = EventFilter.parse(tenant.result(), ctx.request().getParam(EventFilter.TYPES),
                        ctx.request().getParam(EventFilter.CALL_ID));
                lastEventId = lastEventId(ctx);
            } catch (IllegalArgumentException e) {
                String field = e.getMessage().substring(0, e.getMessage().indexOf(':'));
                ErrorResponses.send(ctx, ErrorCode.TEL_011, 400, e.getMessage(), Map.of("field", field));
                return;
            }
            if (!ctx.request().canUpgradeToWebSocket()) {
                ErrorResponses.send(ctx, ErrorCode.TEL_011, 400, "upgrade: " + PATH
                        + " is a WebSocket endpoint; send Connection: Upgrade and Upgrade: websocket",
                        Map.of("field", "upgrade"));
                return;
            }
            ctx.request().toWebSocket().onSuccess(socket -> onContext(() -> open(socket, filter, lastEventId)))
                    .onFailure(ctx::fail);
        });
    }

    /** @return the resume id, or null; at most 128 characters */
    private static String lastEventId(RoutingContext ctx) {
        String id = ctx.request().getParam(LAST_EVENT_ID);
        if (id == null || id.isBlank()) {
            id = ctx.request().getHeader(LAST_EVENT_ID_HEADER);
        }
        if (id == null || id.isBlank()) {
            return null;
        }
        if (id.length() > 128) {
            throw new IllegalArgumentException(LAST_EVENT_ID + ": longer than 128 characters");
        }
        return id.trim();
    }

    private void open(ServerWebSocket socket, EventFilter filter, String lastEventId) {
        socket.setWriteQueueMaxSize(maxQueuedBytes);
        socket.handler(frame -> { });
        EventSubscriber subscriber = new EventSubscriber(socket, filter, maxQueuedBytes, EventBuffer.DEFAULT_MAX_EVENTS,
                () -> laggedDisconnects++);
        // always a later task on the API's context, never a removal during publish()'s iteration
        socket.closeHandler(v -> context.runOnContext(x -> {
            subscriber.closedByPeer();
            subscribers.remove(subscriber);
        }));
        List<EventEnvelope> replay = null;
        boolean reset = false;
        if (lastEventId != null) {
            Optional<List<EventEnvelope>> after = buffer.after(lastEventId);
            reset = after.isEmpty();
            replay = after.orElse(null);
        }
        subscriber.open(replay, reset, task -> onContext(task));
        if (socket.isClosed()) {
            subscriber.closedByPeer();
        } else {
            subscribers.add(subscriber);
        }
    }

    private Future<Void> onContext(Runnable task) {
        if (Vertx.currentContext() == context) {
            task.run();
            return Future.succeededFuture();
        }
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        context.runOnContext(v -> {
            task.run();
            done.complete();
        });
        return done.future();
    }

    private static void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof SwitchboardException error && error.httpStatus() > 0) {
            ErrorResponses.send(ctx, error.code(), error.httpStatus(), error.getMessage(), error.details());
        } else {
            ctx.fail(failure);
        }
    }
}
