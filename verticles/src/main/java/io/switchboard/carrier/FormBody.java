package io.switchboard.carrier;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@code application/x-www-form-urlencoded} body in the order fields are added; a
 * repeated name is added once per value (Twilio's {@code StatusCallbackEvent}). Null values are
 * skipped, so optional fields can be added unconditionally.
 */
public final class FormBody {

    /** The content type of the body. */
    public static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    /** @return this, with {@code name=value} added unless {@code value} is null */
    public FormBody add(String name, Object value) {
        if (value != null) {
            fields.add(Map.entry(name, value.toString()));
        }
        return this;
    }

    /** @return the fields, in order */
    public List<Map.Entry<String, String>> fields() {
        return List.copyOf(fields);
    }

    /** @return the encoded body (UTF-8, spaces as {@code +}) */
    public String encode() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> field : fields) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    /** @return the encoded body's bytes */
    public byte[] bytes() {
        return encode().getBytes(StandardCharsets.UTF_8);
    }
}
