package io.switchboard.cdr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.switchboard.contract.Json;
import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.event.EventEnvelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One record of the cdr-writer's journal: a finished call or message to write as CDRs, or a
 * tenant's event to enqueue for webhook delivery (and Kafka). Exactly one of the two is set.
 *
 * @param call a finished call or message, or null
 * @param event a tenant's event, or null
 */
public record JournalEntry(CallRecord call, EventEnvelope event) {

    private static final TypeReference<List<JournalEntry>> LIST = new TypeReference<>() {
    };

    /** @return the entry of a finished call or message */
    public static JournalEntry of(CallRecord call) {
        return new JournalEntry(call, null);
    }

    /** @return the entry of a tenant's event */
    public static JournalEntry of(EventEnvelope event) {
        return new JournalEntry(null, event);
    }

    /** @return the entries as one journal batch (a JSON array through {@link Json#mapper()}) */
    public static byte[] encode(List<JournalEntry> entries) {
        try {
            return Json.mapper().writeValueAsBytes(entries);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return the entries of one journal batch
     * @throws UncheckedIOException when the batch is not what {@link #encode} wrote
     */
    public static List<JournalEntry> decode(byte[] batch) {
        try {
            return Json.mapper().readValue(batch, LIST);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable CDR journal batch", e);
        }
    }
}
