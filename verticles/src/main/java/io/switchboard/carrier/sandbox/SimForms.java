package io.switchboard.carrier.sandbox;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.carrier.CarrierHttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reading {@code application/x-www-form-urlencoded} requests in the simulators of form-based APIs
 * (Twilio's REST API 2010-04-01, Exotel v1), as those providers treat their fields: a field sent
 * empty counts as not sent, and a repeated field's first value counts.
 */
public final class SimForms {

    /** E.164 as the sandbox accepts it: {@code +} and 8 to 15 digits. */
    public static final Pattern E164 = Pattern.compile("\\+\\d{8,15}");

    private SimForms() {
    }

    /**
     * @return the request's body decoded as a UTF-8 form (names to values, in the order sent);
     *     {@code +} reads as a space
     */
    public static Map<String, List<String>> parse(CarrierHttpRequest request) {
        return new QueryStringDecoder(request.bodyText(), StandardCharsets.UTF_8, false).parameters();
    }

    /** @return the first value of the field {@code name}, or null when it is absent or empty */
    public static String value(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }
}
