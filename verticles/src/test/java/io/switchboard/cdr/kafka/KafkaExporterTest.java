package io.switchboard.cdr.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.Json;
import io.switchboard.contract.event.EventEnvelope;
import io.switchboard.contract.event.EventTypes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link KafkaExporter} against an in-JVM KRaft broker ({@link EmbeddedKafka}). */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KafkaExporterTest {

    private static EmbeddedKafka kafka;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        kafka = EmbeddedKafka.start();
        System.out.printf("embedded Kafka started in %d ms on %s%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), kafka.bootstrap());
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            await(vertx.close());
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void exportsEventsAndCdrsKeyedByCallId() throws Exception {
        KafkaSettings settings = new KafkaSettings(kafka.bootstrap(), null, "");
        assertEquals("switchboard.events", settings.eventsTopic());
        assertEquals("switchboard.cdrs", settings.cdrsTopic());
        kafka.createTopic(settings.eventsTopic(), 3);
        kafka.createTopic(settings.cdrsTopic(), 3);

        List<EventEnvelope> events = List.of(
                EventEnvelope.of(EventTypes.CALL_INITIATED, Instant.parse("2026-11-21T18:26:12Z"),
                        "tenant-a", Map.of("call_id", "call-1")),
                EventEnvelope.of(EventTypes.CALL_ANSWERED, Instant.parse("2026-11-21T18:26:15Z"),
                        "tenant-b", Map.of("call_id", "call-2")),
                EventEnvelope.of(EventTypes.CARRIER_HEALTH_CHANGED,
                        Instant.parse("2026-11-21T18:26:16Z"), null, Map.of("carrier", "c1")));
        List<String> keys = List.of("call-1", "call-2", "call-3");
        KafkaExporter exporter = new KafkaExporter(vertx, settings);
        try {
            for (int i = 0; i < events.size(); i++) {
                await(exporter.event(events.get(i), keys.get(i)));
            }
            await(exporter.cdr("call-1", "{\"call_id\":\"call-1\",\"duration_s\":42}"));
            await(exporter.cdr("call-2", "{\"call_id\":\"call-2\",\"duration_s\":7}"));
        } finally {
            await(exporter.close());
        }

        List<ConsumerRecord<String, String>> eventRecords =
                kafka.consume(settings.eventsTopic(), 3, 30_000);
        assertEquals(3, eventRecords.size());
        for (ConsumerRecord<String, String> record : eventRecords) {
            assertEquals("switchboard.events", record.topic());
            int i = keys.indexOf(record.key());
            assertTrue(i >= 0, "unexpected key " + record.key());
            EventEnvelope read = Json.mapper().readValue(record.value(), EventEnvelope.class);
            EventEnvelope sent = events.get(i);
            assertEquals(sent.id(), read.id());
            assertEquals(sent.type(), read.type());
            assertEquals(sent.tenantId(), read.tenantId());
            assertEquals(sent.occurredAt(), read.occurredAt());
            assertEquals(sent.data(), read.data());
        }

        List<ConsumerRecord<String, String>> cdrRecords =
                kafka.consume(settings.cdrsTopic(), 2, 30_000);
        assertEquals(2, cdrRecords.size());
        Map<String, String> cdrs = Map.of(
                cdrRecords.get(0).key(), cdrRecords.get(0).value(),
                cdrRecords.get(1).key(), cdrRecords.get(1).value());
        assertEquals("{\"call_id\":\"call-1\",\"duration_s\":42}", cdrs.get("call-1"));
        assertEquals("{\"call_id\":\"call-2\",\"duration_s\":7}", cdrs.get("call-2"));
        cdrRecords.forEach(r -> assertEquals("switchboard.cdrs", r.topic()));
    }

    @Test
    void unreachableBrokerFailsTheSendInBoundedTime() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        KafkaSettings settings = new KafkaSettings("127.0.0.1:" + deadPort, "events.dead", null);
        KafkaExporter exporter = new KafkaExporter(vertx, settings, Map.of(
                "max.block.ms", "1000",
                "request.timeout.ms", "1000",
                "delivery.timeout.ms", "2000"));
        try {
            long t0 = System.nanoTime();
            EventEnvelope event = EventEnvelope.of(EventTypes.CALL_INITIATED, Instant.now(),
                    "tenant-a", Map.of("call_id", "call-9"));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> await(exporter.event(event, "call-9")));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < 10_000, "failed after " + ms + " ms");
            String message = e.getCause().getMessage();
            assertTrue(message.contains("topic events.dead"), message);
            assertTrue(message.contains("call-9"), message);
        } finally {
            await(exporter.close(), 30);
        }
    }

    @Test
    void settingsAreDisabledWithoutBootstrap() {
        assertFalse(KafkaSettings.of(null).enabled());
        assertFalse(KafkaSettings.of("  ").enabled());
        assertTrue(KafkaSettings.of("h:9092").enabled());
        assertThrows(IllegalArgumentException.class,
                () -> new KafkaExporter(vertx, KafkaSettings.of("")));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return await(future, 20);
    }

    private static <T> T await(Future<T> future, int seconds) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    }
}
