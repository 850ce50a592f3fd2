package io.switchboard.carrier.telnyx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.carrier.CarrierAccount;
import io.switchboard.carrier.CarrierHttpRequest;
import io.switchboard.contract.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The common parts of the requests {@link TelnyxProvider} builds: bearer authentication, JSON
 * bodies, path segments and the field values Telnyx constrains ({@code connection_id},
 * {@code from_display_name}; https://developers.telnyx.com/api-reference/call-commands/dial).
 */
final class TelnyxRequests {

    private static final int MAX_DISPLAY_NAME = 128;

    private TelnyxRequests() {
    }

    /** @return the {@code connection_id} credential, else the setting */
    static String connectionId(CarrierAccount account) {
        String credential = account.credentials().get(TelnyxProvider.CONNECTION_ID);
        String id = credential == null || credential.isEmpty()
                ? account.setting(TelnyxProvider.CONNECTION_ID, null) : credential;
        if (id == null) {
            throw new IllegalStateException("carrier '" + account.id() + "' has no credential or setting '"
                    + TelnyxProvider.CONNECTION_ID + "'");
        }
        return id;
    }

    /**
     * @return the caller name reduced to what Telnyx accepts in {@code from_display_name}: letters,
     *     digits, spaces and {@code -_~!.+}, at most 128 characters; null when nothing is left
     */
    static String displayName(String callerName) {
        if (callerName == null) {
            return null;
        }
        String cleaned = callerName.replaceAll("[^\\p{L}\\p{N} \\-_~!.+]", "").trim();
        if (cleaned.length() > MAX_DISPLAY_NAME) {
            cleaned = cleaned.substring(0, MAX_DISPLAY_NAME).trim();
        }
        return cleaned.isEmpty() ? null : cleaned;
    }

    /**
     * @return an authenticated request to {@code account.baseUrl() + path}: {@code Accept} and, with a
     *     body, {@code Content-Type} JSON, then {@code Authorization: Bearer <api_key>}
     */
    static CarrierHttpRequest json(CarrierAccount account, String method, String path, ObjectNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.put("Authorization", "Bearer " + account.credential(TelnyxProvider.API_KEY));
        try {
            byte[] bytes = body == null ? null : Json.mapper().writeValueAsBytes(body);
            return new CarrierHttpRequest(method, account.baseUrl() + path, headers, bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write Telnyx request", e);
        }
    }

    /** @return {@code value} percent-encoded for one URL path segment ({@code :} and {@code =} kept) */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":")
                .replace("%3D", "=");
    }
}
