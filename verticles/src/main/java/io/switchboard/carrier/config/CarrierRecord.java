package io.switchboard.carrier.config;

import io.switchboard.contract.model.Service;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One row of {@code carriers} as the admin API manages it: everything of {@link CarrierConfig}
 * plus its state ({@code enabled}, {@code deleted_at}), display name, failover codes and, for a SIP
 * trunk ({@code provider: sip}), its trunk settings. Credentials are held decrypted here and are
 * never part of {@link #view()} (which lists only their names) nor of {@link #toString()}.
 *
 * <p>Storage follows {@link CarrierStore}'s layout, so adapters, routers and the sip-edge read
 * API-made carriers exactly as configured ones: {@code settings} jsonb is
 * {@code {"base_url", "timeout_ms", "breaker": {...}, "settings": {provider settings, the SIP
 * fields of }{@link Sip}{@code , "retry_sip_codes": "408,503"}}}.
 *
 * @param id carrier id (lower-case letters, digits, {@code -})
 * @param provider twilio, telnyx, plivo, bandwidth, vonage, sinch, exotel or sip
 * @param displayName a label for people
 * @param services services it carries
 * @param priority routing tier, lower first (0..1000)
 * @param weight weight within the tier (0..1000000)
 * @param cps requests per second toward it, 0 = no limit
 * @param maxConcurrent calls in progress, 0 = no limit
 * @param enabled whether routers may use it
 * @param sandbox whether it is a sandbox carrier of the carrier role
 * @param baseUrl API base URL, empty for the provider's default
 * @param timeoutMs one API request's time-out, ms
 * @param breaker its circuit breaker
 * @param failoverCodes SIP codes after which the router tries the next carrier; empty = the
 *     router's default ({@code router.retry-sip-codes})
 * @param settings non-secret provider settings ({@code from_number})
 * @param sip the SIP trunk's settings, null for a REST provider
 * @param credentials secrets by name, decrypted
 * @param createdAt when created (null before it is stored)
 * @param updatedAt when last changed (null before it is stored)
 * @param deletedAt when deleted, null while it exists
 */
public record CarrierRecord(String id, String provider, String displayName, Set<Service> services, int priority,
                            int weight, int cps, int maxConcurrent, boolean enabled, boolean sandbox, String baseUrl,
                            long timeoutMs, CarrierConfig.Breaker breaker, List<Integer> failoverCodes,
                            Map<String, String> settings, Sip sip, Map<String, String> credentials, Instant createdAt,
                            Instant updatedAt, Instant deletedAt) {

    /** The provider name of SIP trunks. */
    public static final String SIP = "sip";

    /** The settings keys a SIP trunk's {@link Sip} fields are stored under (and so reserved). */
    public static final Set<String> RESERVED_SETTINGS = Set.of("host", "port", "transport", "tech_prefix",
            "number_format", "allowed_ips", "codecs", "dtmf_mode", "headers", "retry_sip_codes");

    /** Copies the collections (settings values may not be null). */
    public CarrierRecord {
        services = Set.copyOf(services);
        failoverCodes = List.copyOf(failoverCodes);
        settings = Map.copyOf(settings);
        credentials = Map.copyOf(credentials);
    }

    /**
     * A SIP trunk's settings (as {@code io.switchboard.sipedge.TrunkMapping} reads them).
     *
     * @param host host name or IP address
     * @param port port (1..65535)
     * @param transport udp, tcp or tls
     * @param techPrefix digits put before the number
     * @param numberFormat e164, digits or national-digits
     * @param allowedIps CIDR blocks the trunk may send from
     * @param codecs codecs the edge's UAC offers, in order ({@code io.switchboard.sip.uac.SdpOffer})
     * @param dtmfMode rfc2833 (telephone-event offered), info or inband
     * @param headers extra headers put on every INVITE toward the trunk (API-originated and proxied)
     */
    public record Sip(String host, int port, String transport, String techPrefix, String numberFormat,
                      List<String> allowedIps, List<String> codecs, String dtmfMode, Map<String, String> headers) {

        /** Copies the collections. */
        public Sip {
            allowedIps = List.copyOf(allowedIps);
            codecs = List.copyOf(codecs);
            headers = Map.copyOf(headers);
        }

        /** @return the trunk settings with defaults for a new trunk on {@code host} */
        public static Sip defaults(String host) {
            return new Sip(host, 5060, "udp", "", "e164", List.of(), List.of("PCMU", "PCMA"), "rfc2833", Map.of());
        }

        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("host", host);
            view.put("port", port);
            view.put("transport", transport);
            view.put("tech_prefix", techPrefix);
            view.put("number_format", numberFormat);
            view.put("allowed_ips", allowedIps);
            view.put("codecs", codecs);
            view.put("dtmf_mode", dtmfMode);
            view.put("headers", new java.util.TreeMap<>(headers));
            return view;
        }
    }

    /** @return {@code active}, {@code disabled} or {@code deleted} */
    public String status() {
        return deletedAt != null ? "deleted" : enabled ? "active" : "disabled";
    }

    /**
     * The API's view: every field but the credentials, of which only the names are listed
     * ({@code credentials_set}). Keys: id, provider, display_name, status, enabled, sandbox, services,
     * priority, weight, cps, max_concurrent, base_url, timeout_ms, failover_codes, settings, sip
     * (SIP trunks only), credentials_set, created_at, updated_at, deleted_at (RFC 3339 or null).
     *
     * @return a new map, safe to serialize and to write to the audit log
     */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("provider", provider);
        view.put("display_name", displayName);
        view.put("status", status());
        view.put("enabled", enabled);
        view.put("sandbox", sandbox);
        view.put("services", services.stream().map(Service::wireName).sorted().toList());
        view.put("priority", priority);
        view.put("weight", weight);
        view.put("cps", cps);
        view.put("max_concurrent", maxConcurrent);
        view.put("base_url", baseUrl);
        view.put("timeout_ms", timeoutMs);
        view.put("failover_codes", failoverCodes);
        view.put("settings", new java.util.TreeMap<>(settings));
        if (sip != null) {
            view.put("sip", sip.view());
        }
        view.put("credentials_set", new ArrayList<>(new TreeSet<>(credentials.keySet())));
        view.put("created_at", createdAt == null ? null : createdAt.toString());
        view.put("updated_at", updatedAt == null ? null : updatedAt.toString());
        view.put("deleted_at", deletedAt == null ? null : deletedAt.toString());
        return view;
    }

    /** @return the {@code settings} jsonb of the row, in {@link CarrierStore}'s layout */
    public JsonObject settingsJson() {
        JsonObject plain = new JsonObject();
        settings.forEach(plain::put);
        if (!failoverCodes.isEmpty()) {
            plain.put("retry_sip_codes", String.join(",", failoverCodes.stream().map(String::valueOf).toList()));
        }
        if (sip != null) {
            plain.put("host", sip.host()).put("port", String.valueOf(sip.port())).put("transport", sip.transport())
                    .put("tech_prefix", sip.techPrefix()).put("number_format", sip.numberFormat())
                    .put("allowed_ips", String.join(",", sip.allowedIps())).put("codecs", String.join(",", sip.codecs()))
                    .put("dtmf_mode", sip.dtmfMode());
            if (!sip.headers().isEmpty()) {
                JsonObject headers = new JsonObject();
                sip.headers().forEach(headers::put);
                plain.put("headers", headers);
            }
        }
        return new JsonObject().put("base_url", baseUrl).put("timeout_ms", timeoutMs)
                .put("breaker", new JsonObject().put("max_failures", breaker.maxFailures())
                        .put("reset_timeout_ms", breaker.resetTimeoutMs()))
                .put("settings", plain);
    }

    /**
     * Splits a stored {@code settings} jsonb back into the record's parts.
     *
     * @param provider the row's provider
     * @param stored the row's {@code settings}
     * @return base URL, time-out, breaker, failover codes, plain settings and SIP settings
     */
    static Parts parts(String provider, JsonObject stored, CarrierConfig.Breaker defaultBreaker, long defaultTimeoutMs) {
        JsonObject breaker = stored.getJsonObject("breaker", new JsonObject());
        JsonObject plain = stored.getJsonObject("settings", new JsonObject());
        Map<String, String> settings = new LinkedHashMap<>();
        List<Integer> codes = new ArrayList<>();
        for (String code : csv(plain.getValue("retry_sip_codes"))) {
            try {
                codes.add(Integer.parseInt(code));
            } catch (NumberFormatException ignored) {
                // a hand-written value the router also ignores
            }
        }
        boolean trunk = SIP.equals(provider);
        for (String key : plain.fieldNames()) {
            if (key.equals("retry_sip_codes") || (trunk && RESERVED_SETTINGS.contains(key))) {
                continue;
            }
            Object value = plain.getValue(key);
            if (value != null) {
                settings.put(key, String.valueOf(value));
            }
        }
        Sip sip = null;
        if (trunk) {
            Map<String, String> headers = new LinkedHashMap<>();
            Object storedHeaders = plain.getValue("headers");
            if (storedHeaders instanceof JsonObject h) {
                h.forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
            }
            int port;
            try {
                port = Integer.parseInt(plain.getString("port", "5060").trim());
            } catch (NumberFormatException e) {
                port = 5060;
            }
            List<String> codecs = csv(plain.getValue("codecs"));
            sip = new Sip(plain.getString("host", ""), port, plain.getString("transport", "udp"),
                    plain.getString("tech_prefix", ""), plain.getString("number_format", "e164"),
                    csv(plain.getValue("allowed_ips")), codecs.isEmpty() ? List.of("PCMU", "PCMA") : codecs,
                    plain.getString("dtmf_mode", "rfc2833"), headers);
        }
        return new Parts(stored.getString("base_url", ""), stored.getLong("timeout_ms", defaultTimeoutMs),
                new CarrierConfig.Breaker(breaker.getInteger("max_failures", defaultBreaker.maxFailures()),
                        breaker.getLong("reset_timeout_ms", defaultBreaker.resetTimeoutMs())), codes, settings, sip);
    }

    /** The parts of a stored {@code settings} jsonb. */
    record Parts(String baseUrl, long timeoutMs, CarrierConfig.Breaker breaker, List<Integer> failoverCodes,
                 Map<String, String> settings, Sip sip) {
    }

    private static List<String> csv(Object value) {
        if (value == null || String.valueOf(value).isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(String.valueOf(value).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }

    /** @return services parsed from wire names */
    static Set<Service> services(String[] names) {
        Set<Service> services = EnumSet.noneOf(Service.class);
        for (String name : names) {
            services.add(Service.fromWire(name));
        }
        return services;
    }

    /** Never prints credentials. */
    @Override
    public String toString() {
        return "CarrierRecord[" + id + " (" + provider + ", " + status() + ") credentials=" + credentials.keySet() + "]";
    }

    /**
     * A mutable copy for applying a request's changes; {@link #build()} makes the record again.
     */
    public static final class Draft {
        public String id;
        public String provider;
        public String displayName;
        public Set<Service> services;
        public int priority;
        public int weight;
        public int cps;
        public int maxConcurrent;
        public boolean enabled;
        public boolean sandbox;
        public String baseUrl;
        public long timeoutMs;
        public CarrierConfig.Breaker breaker;
        public List<Integer> failoverCodes;
        public Map<String, String> settings;
        public Sip sip;
        public Map<String, String> credentials;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant deletedAt;

        /** @return a draft of a new carrier with the defaults of the {@code carriers} section */
        public static Draft fresh(String id, String provider, CarrierConfig.Breaker breaker, long timeoutMs) {
            Draft d = new Draft();
            d.id = id;
            d.provider = provider;
            d.displayName = id;
            d.services = EnumSet.of(Service.VOICE);
            d.priority = 10;
            d.weight = 100;
            d.enabled = true;
            d.baseUrl = "";
            d.timeoutMs = timeoutMs;
            d.breaker = breaker;
            d.failoverCodes = List.of();
            d.settings = new LinkedHashMap<>();
            d.credentials = new LinkedHashMap<>();
            return d;
        }

        /** @return a draft holding {@code r}'s values */
        public static Draft of(CarrierRecord r) {
            Draft d = new Draft();
            d.id = r.id;
            d.provider = r.provider;
            d.displayName = r.displayName;
            d.services = EnumSet.copyOf(r.services.isEmpty() ? EnumSet.of(Service.VOICE) : r.services);
            d.priority = r.priority;
            d.weight = r.weight;
            d.cps = r.cps;
            d.maxConcurrent = r.maxConcurrent;
            d.enabled = r.enabled;
            d.sandbox = r.sandbox;
            d.baseUrl = r.baseUrl;
            d.timeoutMs = r.timeoutMs;
            d.breaker = r.breaker;
            d.failoverCodes = r.failoverCodes;
            d.settings = new LinkedHashMap<>(r.settings);
            d.sip = r.sip;
            d.credentials = new LinkedHashMap<>(r.credentials);
            d.createdAt = r.createdAt;
            d.updatedAt = r.updatedAt;
            d.deletedAt = r.deletedAt;
            return d;
        }

        /** @return the record */
        public CarrierRecord build() {
            return new CarrierRecord(id, provider, displayName, services, priority, weight, cps, maxConcurrent, enabled,
                    sandbox, baseUrl, timeoutMs, breaker, failoverCodes, settings, sip, credentials, createdAt,
                    updatedAt, deletedAt);
        }
    }
}
