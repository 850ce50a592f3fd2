package io.switchboard.storage;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Rows as the public API writes them: column name → value, with UUIDs, timestamps (RFC 3339) and
 * numerics (exact decimal text) as strings and arrays as lists.
 */
public final class RowMaps {

    private RowMaps() {
    }

    /** @return the row's columns in order, values converted by {@link #wire} */
    public static Map<String, Object> of(Row row) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            map.put(row.getColumnName(i), wire(row.getValue(i)));
        }
        return map;
    }

    /** @return {@code value} as JSON writes it: UUID, timestamp and numeric as text, arrays as lists */
    public static Object wire(Object value) {
        if (value instanceof UUID || value instanceof OffsetDateTime || value instanceof io.vertx.sqlclient.data.Numeric) {
            return value.toString();
        }
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(RowMaps::wire).toList();
        }
        return value;
    }
}
