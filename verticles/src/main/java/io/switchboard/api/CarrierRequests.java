package io.switchboard.api;

import io.switchboard.carrier.CarrierProvider;
import io.switchboard.carrier.CarrierProviders;
import io.switchboard.carrier.config.CarrierRecord;
import io.switchboard.carrier.config.SecretNames;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import io.switchboard.contract.model.Service;
import io.switchboard.sip.protect.CidrBlock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the JSON body of {@code POST /v1/carriers} or {@code PATCH /v1/carriers/{id}} to a
 * {@link CarrierRecord.Draft}, validating every field: each failure is TEL-011 naming the field, a
 * nested one as a JSON pointer without its leading slash as the OpenAPI validator does
 * ({@code sip/port}, {@code credentials/auth_token}, {@code settings/api_key}).
 *
 * <p>Fields: {@code display_name}, {@code services} ([voice, sms, mms, fax]), {@code priority}
 * (0..1000), {@code weight} (0..1000000), {@code cps} (0..100000, 0 = none), {@code max_concurrent}
 * (0..10000000, 0 = none), {@code enabled}, {@code base_url} (http(s), "" or null = the provider's
 * default), {@code timeout_ms} (100..600000), {@code failover_codes} (SIP codes 300..699, null = the
 * router's default), {@code settings} (string values; a key that looks like a secret is refused, a
 * value null removes the key), {@code credentials} (write-only strings; null removes one; a PATCH
 * merges), {@code sip} (SIP trunks only: host, port, transport udp|tcp|tls, tech_prefix,
 * number_format e164|digits|national-digits, allowed_ips [CIDR], codecs, dtmf_mode
 * rfc2833|info|inband, headers {name: value}). A REST carrier needs its provider's credentials
 * (sandbox carriers excepted: their accounts are the carrier role's); a SIP trunk needs
 * {@code sip.host}.
 */
final class CarrierRequests {

    /** The providers a carrier may have. */
    static final Set<String> PROVIDERS = Set.of("twilio", "telnyx", "plivo", "bandwidth", "vonage", "sinch", "exotel",
            CarrierRecord.SIP);
    static final Set<String> PATCH_FIELDS = Set.of("display_name", "services", "priority", "weight", "cps",
            "max_concurrent", "enabled", "base_url", "timeout_ms", "failover_codes", "settings", "credentials", "sip");
    static final Set<String> CREATE_FIELDS;
    static final Set<String> SIP_FIELDS = Set.of("host", "port", "transport", "tech_prefix", "number_format",
            "allowed_ips", "codecs", "dtmf_mode", "headers");
    static final Set<String> CODECS = Set.of("PCMU", "PCMA", "G722", "G729", "opus", "telephone-event");
    /** Headers the edge writes itself, which a trunk's custom headers may not replace. */
    private static final Set<String> OWN_HEADERS = Set.of("via", "from", "to", "call-id", "cseq", "contact",
            "max-forwards", "route", "record-route", "content-length", "content-type", "authorization",
            "proxy-authorization");

    static {
        Set<String> create = new java.util.HashSet<>(PATCH_FIELDS);
        create.add("id");
        create.add("provider");
        CREATE_FIELDS = Set.copyOf(create);
    }

    private CarrierRequests() {
    }

    /** @return the id of a create request: lower-case letters, digits and '-', not {@code health} */
    static String id(JsonBody body) {
        String id = body.text("id", true, 63);
        if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, "id",
                    "id: expected lower-case letters, digits and '-', got '" + id + "'");
        }
        if (id.equals("health")) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, "id", "id: 'health' is reserved (/v1/carriers/health)");
        }
        return id;
    }

    /** @return the provider of a create request */
    static String provider(JsonBody body) {
        String provider = body.oneOf("provider", PROVIDERS);
        if (provider == null) {
            throw SwitchboardException.invalidField(ErrorCode.TEL_011, "provider", "provider: required; expected one of "
                    + String.join(", ", PROVIDERS.stream().sorted().toList()));
        }
        return provider;
    }

    /**
     * @param body the request body (unknown fields already refused)
     * @param d the draft to change
     * @throws SwitchboardException TEL-011 naming the first bad field
     */
    static void apply(JsonBody body, CarrierRecord.Draft d) {
        String name = body.text("display_name", false, 100);
        if (name != null) {
            d.displayName = name.isBlank() ? d.id : name;
        }
        List<String> services = body.strings("services", 4);
        if (services != null) {
            if (services.isEmpty()) {
                throw invalid("services", "services: expected at least one of voice, sms, mms, fax");
            }
            Set<Service> parsed = EnumSet.noneOf(Service.class);
            for (String s : services) {
                try {
                    parsed.add(Service.fromWire(s));
                } catch (IllegalArgumentException e) {
                    throw invalid("services", "services: '" + s + "' is not a service (voice, sms, mms, fax)");
                }
            }
            d.services = parsed;
        }
        Integer n;
        if ((n = body.integer("priority", 0, 1_000)) != null) {
            d.priority = n;
        }
        if ((n = body.integer("weight", 0, 1_000_000)) != null) {
            d.weight = n;
        }
        if ((n = body.integer("cps", 0, 100_000)) != null) {
            d.cps = n;
        }
        if ((n = body.integer("max_concurrent", 0, 10_000_000)) != null) {
            d.maxConcurrent = n;
        }
        if ((n = body.integer("timeout_ms", 100, 600_000)) != null) {
            d.timeoutMs = n;
        }
        Boolean enabled = body.optionalBool("enabled");
        if (enabled != null) {
            d.enabled = enabled;
        }
        if (body.isNull("base_url") || "".equals(body.text("base_url", false, 2048))) {
            d.baseUrl = "";
        } else if (body.has("base_url")) {
            d.baseUrl = body.url("base_url");
        }
        if (body.isNull("failover_codes")) {
            d.failoverCodes = List.of();
        } else {
            List<Integer> codes = body.integers("failover_codes", 300, 699, 50);
            if (codes != null) {
                d.failoverCodes = List.copyOf(new java.util.LinkedHashSet<>(codes));
            }
        }
        settings(body, d);
        Map<String, String> credentials = body.stringMap("credentials", 20, 16_384);
        if (credentials != null) {
            credentials.forEach((key, value) -> {
                if (value == null) {
                    d.credentials.remove(key);
                } else {
                    d.credentials.put(key, value);
                }
            });
        }
        sip(body, d);
        check(d);
    }

    private static void settings(JsonBody body, CarrierRecord.Draft d) {
        Map<String, String> settings = body.stringMap("settings", 50, 1_024);
        if (settings == null) {
            return;
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = e.getKey();
            if (SecretNames.isSecret(key)) {
                throw invalid("settings/" + key, "settings/" + key + ": looks like a secret; send it in credentials, "
                        + "which are stored encrypted and never shown");
            }
            if (CarrierRecord.RESERVED_SETTINGS.contains(key)) {
                throw invalid("settings/" + key, "settings/" + key + ": reserved; use the sip object or failover_codes");
            }
            if (e.getValue() == null) {
                d.settings.remove(key);
            } else {
                d.settings.put(key, e.getValue());
            }
        }
    }

    private static void sip(JsonBody body, CarrierRecord.Draft d) {
        JsonBody sip = body.nested("sip", SIP_FIELDS);
        if (sip == null) {
            return;
        }
        if (!CarrierRecord.SIP.equals(d.provider)) {
            throw invalid("sip", "sip: only a carrier with provider sip (a SIP trunk) has SIP settings");
        }
        CarrierRecord.Sip t = d.sip != null ? d.sip : CarrierRecord.Sip.defaults("");
        String host = sip.text("host", false, 253);
        if (host != null && !host.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[?[0-9A-Fa-f:.]+]?")) {
            throw invalid("sip/host", "sip/host: expected a host name or an IP address, got '" + host + "'");
        }
        Integer port = sip.integer("port", 1, 65_535);
        String transport = sip.oneOf("transport", Set.of("udp", "tcp", "tls"));
        String techPrefix = sip.text("tech_prefix", false, 16);
        if (techPrefix != null && !techPrefix.matches("[0-9*#+]*")) {
            throw invalid("sip/tech_prefix", "sip/tech_prefix: expected up to 16 of 0-9 * # +");
        }
        String format = sip.oneOf("number_format", Set.of("e164", "digits", "national-digits"));
        List<String> allowed = sip.strings("allowed_ips", 50);
        if (allowed != null) {
            for (String block : allowed) {
                try {
                    CidrBlock.parse(block);
                } catch (IllegalArgumentException e) {
                    throw invalid("sip/allowed_ips", "sip/allowed_ips: '" + block + "' is not an IP address or CIDR block");
                }
            }
        }
        List<String> codecs = sip.strings("codecs", 10);
        if (codecs != null) {
            if (codecs.isEmpty()) {
                throw invalid("sip/codecs", "sip/codecs: expected at least one codec");
            }
            for (String codec : codecs) {
                if (!CODECS.contains(codec)) {
                    throw invalid("sip/codecs", "sip/codecs: '" + codec + "' is not one of "
                            + String.join(", ", CODECS.stream().sorted().toList()));
                }
            }
        }
        String dtmf = sip.oneOf("dtmf_mode", Set.of("rfc2833", "info", "inband"));
        Map<String, String> headers = sip.stringMap("headers", 20, 256);
        Map<String, String> mergedHeaders = new LinkedHashMap<>(t.headers());
        if (headers != null) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                String field = "sip/headers/" + e.getKey();
                if (!e.getKey().matches("[A-Za-z][A-Za-z0-9-]*")) {
                    throw invalid(field, field + ": a header name is letters, digits and '-'");
                }
                if (OWN_HEADERS.contains(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    throw invalid(field, field + ": the edge writes this header itself");
                }
                if (SecretNames.isSecret(e.getKey())) {
                    throw invalid(field, field + ": looks like a secret; custom headers are stored in clear");
                }
                if (e.getValue() == null) {
                    mergedHeaders.remove(e.getKey());
                } else if (e.getValue().contains("\n")) {
                    throw invalid(field, field + ": a header value is one line");
                } else {
                    mergedHeaders.put(e.getKey(), e.getValue());
                }
            }
        }
        d.sip = new CarrierRecord.Sip(host != null ? host : t.host(), port != null ? port : t.port(),
                transport != null ? transport : t.transport(), techPrefix != null ? techPrefix : t.techPrefix(),
                format != null ? format : t.numberFormat(), allowed != null ? allowed : t.allowedIps(),
                codecs != null ? codecs : t.codecs(), dtmf != null ? dtmf : t.dtmfMode(), mergedHeaders);
    }

    /** Checks the draft as a whole: a trunk's host, a REST provider's required credentials. */
    private static void check(CarrierRecord.Draft d) {
        if (CarrierRecord.SIP.equals(d.provider)) {
            if (d.sip == null || d.sip.host().isEmpty()) {
                throw invalid("sip/host", "sip/host: required for a SIP trunk");
            }
            return;
        }
        if (d.sandbox) {
            return;
        }
        CarrierProvider provider = CarrierProviders.byName(d.provider).orElseThrow(() ->
                invalid("provider", "provider: no adapter for '" + d.provider + "'"));
        List<String> missing = new ArrayList<>();
        for (String needed : provider.requiredCredentials()) {
            if (d.credentials.getOrDefault(needed, "").isEmpty()) {
                missing.add(needed);
            }
        }
        if (!missing.isEmpty()) {
            throw invalid("credentials/" + missing.get(0), "credentials/" + missing.get(0) + ": required by "
                    + provider.name() + " (needs " + provider.requiredCredentials() + ")");
        }
    }

    private static SwitchboardException invalid(String field, String message) {
        return SwitchboardException.invalidField(ErrorCode.TEL_011, field, message);
    }
}
