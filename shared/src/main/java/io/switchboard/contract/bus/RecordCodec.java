package io.switchboard.contract.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.contract.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An event-bus codec that carries a contract record as JSON ({@link Json#mapper()}): a 4-byte
 * big-endian length followed by the UTF-8 JSON document. Within one JVM the record is passed as
 * is (records are immutable). The codec name is the record's simple name, so every JVM of the
 * cluster that registers {@link Codecs#registerAll} decodes the same messages.
 *
 * @param <T> the record type
 */
public final class RecordCodec<T> implements MessageCodec<T, T> {

    private final Class<T> type;
    private final ObjectMapper mapper = Json.mapper();

    /** @param type the record class this codec carries */
    public RecordCodec(Class<T> type) {
        this.type = type;
    }

    /** @return the record class this codec carries */
    public Class<T> type() {
        return type;
    }

    @Override
    public void encodeToWire(Buffer buffer, T value) {
        try {
            byte[] json = mapper.writeValueAsBytes(value);
            buffer.appendInt(json.length).appendBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        byte[] json = buffer.getBytes(pos + 4, pos + 4 + length);
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + type.getSimpleName(), e);
        }
    }

    @Override
    public T transform(T value) {
        return value;
    }

    @Override
    public String name() {
        return "switchboard." + type.getSimpleName();
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
