package io.switchboard.contract.bus;

import io.vertx.core.eventbus.EventBus;
import java.util.List;

/**
 * Registers the contract's message records as default event-bus codecs. Call it once per Vert.x
 * instance, on every JVM that sends or receives these records (Switchboard nodes do it at start).
 */
public final class Codecs {

    /** The message records of the contract, each carried by a {@link RecordCodec}. */
    public static final List<Class<?>> RECORDS = List.of(NodeStatus.class, RoleStatus.class, RouteRequest.class,
            io.switchboard.contract.model.RoutePlan.class, RouteResult.class, AttemptRequest.class, AttemptReply.class,
            DeckPublished.class, CarrierStatusReport.class, CarrierHealthView.class, HealthCommand.class, HealthList.class,
            io.switchboard.contract.model.Attempt.class, io.switchboard.contract.event.EventEnvelope.class,
            WebhookDelivery.class, WebhookAnswer.class, BreakerReport.class, ProbeResult.class, SipProbeReport.class,
            DestinationHealthView.class, DestinationHealthList.class,
            io.switchboard.contract.call.CallRecord.class, io.switchboard.contract.call.CallRequest.class,
            io.switchboard.contract.call.MessageRequest.class, io.switchboard.contract.call.CallLookup.class,
            io.switchboard.contract.call.HangupRequest.class);

    private Codecs() {
    }

    /**
     * Registers a {@link RecordCodec} as the default codec of every record in {@link #RECORDS}.
     *
     * @param eventBus the event bus of a Vert.x instance
     * @throws IllegalStateException if a default codec is already registered for one of them
     */
    public static void registerAll(EventBus eventBus) {
        for (Class<?> type : RECORDS) {
            register(eventBus, type);
        }
    }

    private static <T> void register(EventBus eventBus, Class<T> type) {
        eventBus.registerDefaultCodec(type, new RecordCodec<>(type));
    }
}
