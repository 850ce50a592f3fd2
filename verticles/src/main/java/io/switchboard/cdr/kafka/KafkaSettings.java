package io.switchboard.cdr.kafka;

/**
 * Where events and CDRs are exported to Kafka (configuration {@code kafka.*}).
 *
 * <p>Export is off unless {@code bootstrap} is set: {@link #enabled()} is false for a null or
 * blank bootstrap. Topics left null or blank take the defaults {@value #DEFAULT_EVENTS_TOPIC} and
 * {@value #DEFAULT_CDRS_TOPIC}.
 *
 * @param bootstrap the Kafka {@code bootstrap.servers} list, {@code host:port[,host:port...]}, or
 *     null/blank to disable the export
 * @param eventsTopic the topic of the event envelopes (one record per event, keyed by call id)
 * @param cdrsTopic the topic of the CDRs (one JSON record per call, keyed by call id)
 */
public record KafkaSettings(String bootstrap, String eventsTopic, String cdrsTopic) {

    /** The events topic when none is configured. */
    public static final String DEFAULT_EVENTS_TOPIC = "switchboard.events";
    /** The CDRs topic when none is configured. */
    public static final String DEFAULT_CDRS_TOPIC = "switchboard.cdrs";

    /**
     * Applies the topic defaults; the bootstrap is kept as given (trimmed).
     *
     * @param bootstrap the {@code bootstrap.servers} list, or null/blank to disable the export
     * @param eventsTopic the events topic, or null/blank for {@value #DEFAULT_EVENTS_TOPIC}
     * @param cdrsTopic the CDRs topic, or null/blank for {@value #DEFAULT_CDRS_TOPIC}
     */
    public KafkaSettings {
        bootstrap = bootstrap == null ? null : bootstrap.trim();
        eventsTopic = eventsTopic == null || eventsTopic.isBlank()
                ? DEFAULT_EVENTS_TOPIC : eventsTopic.trim();
        cdrsTopic = cdrsTopic == null || cdrsTopic.isBlank()
                ? DEFAULT_CDRS_TOPIC : cdrsTopic.trim();
    }

    /**
     * Settings with the default topics.
     *
     * @param bootstrap the {@code bootstrap.servers} list, or null/blank to disable the export
     * @return the settings
     */
    public static KafkaSettings of(String bootstrap) {
        return new KafkaSettings(bootstrap, null, null);
    }

    /** @return true when a bootstrap list is set, i.e. events and CDRs are exported */
    public boolean enabled() {
        return bootstrap != null && !bootstrap.isBlank();
    }
}
