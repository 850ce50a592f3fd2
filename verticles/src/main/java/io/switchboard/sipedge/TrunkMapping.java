package io.switchboard.sipedge;

import io.switchboard.carrier.config.CarrierConfig;
import io.switchboard.sip.protect.CidrBlock;
import io.switchboard.sip.trunk.NumberFormat;
import io.switchboard.sip.trunk.SipTransport;
import io.switchboard.sip.trunk.SipTrunk;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the sip module's {@link SipTrunk} from a carrier of the {@code carriers} section with
 * {@code provider: sip}. Settings: {@code host} (required), {@code port} (5060), {@code transport}
 * ({@code udp}|{@code tcp}|{@code tls}, default udp), {@code tech_prefix}, {@code number_format}
 * ({@code e164}|{@code digits}|{@code national-digits}, default e164), {@code allowed_ips}
 * (comma-separated CIDRs), {@code retry_sip_codes} (comma-separated), {@code codecs} (comma-separated,
 * default PCMU,PCMA), {@code dtmf_mode} (rfc2833|info|inband, default rfc2833), {@code headers} (a JSON
 * object of extra INVITE headers, set through the admin API); credentials
 * {@code username}/{@code password} for digest. {@code max-concurrent} and {@code cps} are the
 * carrier's own.
 */
public final class TrunkMapping {

    /** The provider name of SIP trunks. */
    public static final String PROVIDER = "sip";

    private TrunkMapping() {
    }

    /**
     * @param carriers the configured carriers
     * @return the SIP trunks among them
     * @throws IllegalArgumentException naming the carrier and setting at fault
     */
    public static List<SipTrunk> trunks(List<CarrierConfig> carriers) {
        List<SipTrunk> out = new ArrayList<>();
        for (CarrierConfig c : carriers) {
            if (PROVIDER.equals(c.provider())) {
                out.add(trunk(c));
            }
        }
        return out;
    }

    /**
     * @param c a carrier with provider {@code sip}
     * @return its trunk
     * @throws IllegalArgumentException naming the carrier and setting at fault
     */
    public static SipTrunk trunk(CarrierConfig c) {
        Map<String, String> s = c.settings();
        String where = "carriers." + c.id() + ".settings.";
        String host = s.getOrDefault("host", "").trim();
        if (host.isEmpty()) {
            throw new IllegalArgumentException(where + "host: required for a SIP trunk");
        }
        int port;
        try {
            port = Integer.parseInt(s.getOrDefault("port", "5060").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "port: not a number: " + s.get("port"));
        }
        try {
            SipTransport transport = SipTransport.parse(s.getOrDefault("transport", "udp"));
            NumberFormat format = NumberFormat.parse(s.getOrDefault("number_format", "e164"));
            List<CidrBlock> sources = new ArrayList<>();
            for (String block : list(s.get("allowed_ips"))) {
                sources.add(CidrBlock.parse(block));
            }
            Set<Integer> retry = new LinkedHashSet<>();
            for (String code : list(s.get("retry_sip_codes"))) {
                retry.add(Integer.parseInt(code));
            }
            String user = c.credentials().get("username");
            String password = c.credentials().get("password");
            List<String> codecs = list(s.get("codecs"));
            for (String codec : codecs) {
                if (!io.switchboard.sip.uac.SdpOffer.known(codec)) {
                    throw new IllegalArgumentException("codecs: unknown codec '" + codec + "'");
                }
            }
            String dtmf = s.getOrDefault("dtmf_mode", "rfc2833").trim();
            if (!Set.of("rfc2833", "info", "inband").contains(dtmf)) {
                throw new IllegalArgumentException("dtmf_mode: expected rfc2833, info or inband, got '" + dtmf + "'");
            }
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            String storedHeaders = s.get("headers");
            if (storedHeaders != null && !storedHeaders.isBlank()) {
                try {
                    new io.vertx.core.json.JsonObject(storedHeaders).forEach(e -> headers.put(e.getKey(),
                            String.valueOf(e.getValue())));
                } catch (io.vertx.core.json.DecodeException e) {
                    throw new IllegalArgumentException("headers: expected a JSON object of header values");
                }
            }
            return new SipTrunk(c.id(), host, port, transport, s.getOrDefault("tech_prefix", "").trim(), format, sources,
                    user, password, c.maxConcurrent(), c.cps(), retry, codecs, dtmf, headers);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where.substring(0, where.length() - 1) + ": " + e.getMessage(), e);
        }
    }

    private static List<String> list(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
