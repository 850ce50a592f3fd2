package io.switchboard.cdr.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.contract.Json;
import io.switchboard.contract.event.EventEnvelope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces events and CDRs to Kafka: one record per event on {@link KafkaSettings#eventsTopic()}
 * and one per CDR on {@link KafkaSettings#cdrsTopic()}, key and value as UTF-8 strings, keyed by
 * call id so that all records of a call land on one partition, in order.
 *
 * <p>The producer is idempotent, following the Kafka producer documentation
 * (<a href="https://kafka.apache.org/37/documentation/#producerconfigs_enable.idempotence">
 * {@code enable.idempotence}</a>): {@code enable.idempotence=true} with {@code acks=all} (and
 * the client's defaults {@code retries=MAX_INT}, {@code max.in.flight.requests.per.connection=5}),
 * so retries after a lost acknowledgement do not write duplicates within a partition and
 * per-partition order is kept. {@code linger.ms=5} batches records sent within 5 ms.
 *
 * <p>Sends run on the Vert.x Kafka client's worker, never on the event loop. A send against an
 * unreachable cluster fails after {@code max.block.ms} (waiting for metadata, default 60 s) or
 * {@code delivery.timeout.ms} (waiting for the acknowledgement, default 120 s); both can be lowered
 * through the producer overrides of {@link #KafkaExporter(Vertx, KafkaSettings, Map)}.
 */
public final class KafkaExporter {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaExporter.class);

    private final KafkaSettings settings;
    private final KafkaProducer<String, String> producer;

    /**
     * Creates the producer (it connects lazily, on the first send).
     *
     * @param vertx the Vert.x instance whose worker runs the sends
     * @param settings the bootstrap list and topics; must be {@link KafkaSettings#enabled()}
     * @throws IllegalArgumentException if the settings are not enabled
     * @throws org.apache.kafka.common.KafkaException if the producer cannot be created, e.g. no
     *     bootstrap address resolves
     */
    public KafkaExporter(Vertx vertx, KafkaSettings settings) {
        this(vertx, settings, Map.of());
    }

    /**
     * Creates the producer with extra producer configuration, applied last (after the
     * idempotence, acks, linger and serializer settings), e.g. {@code max.block.ms} and
     * {@code delivery.timeout.ms} to bound a send's time in tests. Overriding
     * {@code enable.idempotence} or {@code acks} loses the guarantees described on the class.
     *
     * @param vertx the Vert.x instance whose worker runs the sends
     * @param settings the bootstrap list and topics; must be {@link KafkaSettings#enabled()}
     * @param overrides Kafka producer configuration ({@code ProducerConfig} names to values)
     * @throws IllegalArgumentException if the settings are not enabled
     * @throws org.apache.kafka.common.KafkaException if the producer cannot be created, e.g. an
     *     invalid override or no bootstrap address resolves
     */
    public KafkaExporter(Vertx vertx, KafkaSettings settings, Map<String, String> overrides) {
        Objects.requireNonNull(vertx, "vertx");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!settings.enabled()) {
            throw new IllegalArgumentException("Kafka export needs kafka.bootstrap");
        }
        Map<String, String> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "switchboard-export");
        config.putAll(Objects.requireNonNull(overrides, "overrides"));
        this.producer = KafkaProducer.<String, String>create(vertx, config)
                // a failed send is also reported here; the caller already has it through the
                // returned future, so it is not logged again as an unhandled exception
                .exceptionHandler(e -> LOG.debug("Kafka producer error", e));
    }

    /**
     * Produces an event envelope, as its contract JSON ({@link Json#mapper()}), to the events
     * topic.
     *
     * @param envelope the event
     * @param key the record key, the call id (null for system events: the partition is then
     *     chosen by the producer)
     * @return completed once the broker acknowledged the record (all in-sync replicas); failed
     *     with a {@link RuntimeException} naming the topic and key if the envelope cannot be
     *     written as JSON or the send fails or times out (the Kafka exception is the cause)
     */
    public Future<Void> event(EventEnvelope envelope, String key) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(Objects.requireNonNull(envelope, "envelope"));
        } catch (JsonProcessingException e) {
            return Future.failedFuture(failure(settings.eventsTopic(), key, e));
        }
        return send(settings.eventsTopic(), key, json);
    }

    /**
     * Produces a CDR to the CDRs topic.
     *
     * @param key the record key, the call id
     * @param cdrJson the CDR as a JSON document, sent as is
     * @return completed once the broker acknowledged the record; failed with a
     *     {@link RuntimeException} naming the topic and key if the send fails or times out
     */
    public Future<Void> cdr(String key, String cdrJson) {
        return send(settings.cdrsTopic(), key, Objects.requireNonNull(cdrJson, "cdrJson"));
    }

    /**
     * Flushes the records not yet sent and closes the producer.
     *
     * @return completed once the producer is closed
     */
    public Future<Void> close() {
        return producer.close();
    }

    private Future<Void> send(String topic, String key, String value) {
        return producer.send(KafkaProducerRecord.create(topic, key, value))
                .<Void>mapEmpty()
                .recover(e -> Future.failedFuture(failure(topic, key, e)));
    }

    private static RuntimeException failure(String topic, String key, Throwable cause) {
        return new RuntimeException("Kafka export to topic " + topic + " (key " + key
                + ") failed: " + cause.getMessage(), cause);
    }
}
