package io.switchboard.api.grpc;

import io.switchboard.api.events.EventFilter;
import io.switchboard.contract.bus.Addresses;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.grpc.Event;
import io.switchboard.contract.grpc.StreamEventsRequest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The open {@code CallService.StreamEvents} calls of this node: one consumer of
 * {@link Addresses#EVENTS} (the cluster-wide publish address of {@link EventEnvelope}s) hands every
 * event to each stream whose {@link EventFilter} matches, the same filter as the WebSocket
 * {@code /v1/events} (tenant, types and wildcards, call id).
 *
 * <p>A stream whose response write queue is full (the client does not read) is ended with
 * RESOURCE_EXHAUSTED "fell behind" rather than buffered without bound; others are not slowed.
 * {@link #stop()} ends every stream with UNAVAILABLE "server shutting down". Live events only: no
 * replay.
 *
 * <p>Confined to the context that called {@link #start()}: handlers arriving elsewhere hop to it.
 */
final class GrpcEventStreams {

    private final Vertx vertx;
    private final Set<Subscriber> subscribers = new LinkedHashSet<>();
    private Context context;
    private MessageConsumer<EventEnvelope> consumer;

    GrpcEventStreams(Vertx vertx) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
    }

    /** Registers the consumer; call once, on the owning verticle's context. */
    Future<Void> start() {
        context = vertx.getOrCreateContext();
        consumer = vertx.eventBus().consumer(Addresses.EVENTS, message -> publish(message.body()));
        return consumer.completion();
    }

    /**
     * Opens a stream: sends the response headers (so a client knows it is subscribed) and
     * delivers matching events from then on.
     *
     * @param response the call's response
     * @param filter what it receives
     */
    void open(GrpcServerResponse<StreamEventsRequest, Event> response, EventFilter filter) {
        context.runOnContext(v -> {
            Subscriber subscriber = new Subscriber(response, filter);
            subscribers.add(subscriber);
            response.exceptionHandler(error -> context.runOnContext(x -> subscribers.remove(subscriber)));
            response.writeHead().onFailure(error -> context.runOnContext(x -> subscribers.remove(subscriber)));
        });
    }

    /** Forgets the stream of {@code response} (the client cancelled or the connection closed). */
    void closed(GrpcServerResponse<StreamEventsRequest, Event> response) {
        context.runOnContext(v -> subscribers.removeIf(s -> s.response == response));
    }

    /** @return how many streams are open (call on the owning context) */
    int openCount() {
        return subscribers.size();
    }

    /** Ends every stream with UNAVAILABLE and unregisters the consumer; call on the owning context. */
    Future<Void> stop() {
        for (Subscriber s : List.copyOf(subscribers)) {
            s.end(GrpcStatus.UNAVAILABLE, "server shutting down");
        }
        subscribers.clear();
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }

    private void publish(EventEnvelope event) {
        Event message = null;
        for (Subscriber s : List.copyOf(subscribers)) {
            if (!s.filter.matches(event)) {
                continue;
            }
            if (message == null) {
                message = GrpcMapping.event(event);
            }
            if (s.response.writeQueueFull()) {
                s.end(GrpcStatus.RESOURCE_EXHAUSTED, "fell behind: the client does not read its events");
                subscribers.remove(s);
            } else {
                try {
                    s.response.write(message);
                } catch (RuntimeException gone) {
                    // the stream ended under us (cancelled, connection lost): forget it, keep serving the others
                    subscribers.remove(s);
                }
            }
        }
    }

    private static final class Subscriber {
        final GrpcServerResponse<StreamEventsRequest, Event> response;
        final EventFilter filter;

        Subscriber(GrpcServerResponse<StreamEventsRequest, Event> response, EventFilter filter) {
            this.response = response;
            this.filter = filter;
        }

        void end(GrpcStatus status, String message) {
            try {
                response.status(status).statusMessage(message).end();
            } catch (IllegalStateException alreadyEnded) {
                // the client went away meanwhile
            }
        }
    }
}
