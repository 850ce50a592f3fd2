package io.switchboard.sip.trunk;

import io.switchboard.contract.model.E164;
import io.switchboard.sip.protect.CidrBlock;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A SIP trunk: a carrier reached over SIP (provider {@code sip}). The sip module's own view of a
 * carrier account; the sip-edge verticle builds it from the carrier configuration.
 *
 * @param id the carrier id of route plans and rate decks ({@code wholesale-a})
 * @param host the trunk's signalling host (IP literal preferred: names are resolved by the JDK)
 * @param port its port, 1..65535
 * @param transport UDP, TCP or TLS
 * @param techPrefix digits put before the number in the Request-URI (may be empty)
 * @param numberFormat how the number is written in the Request-URI
 * @param allowedSources addresses the trunk may send from (in-dialog requests, e.g. its BYE);
 *     empty: its {@code host} when it is an IP literal
 * @param username digest user answered on 401/407 (RFC 3261 §22.2), or null for none
 * @param password digest password, or null
 * @param maxConcurrent concurrent calls allowed on the trunk, 0 for no limit
 * @param cps new calls per second allowed on the trunk, 0 for no limit
 * @param retrySipCodes this trunk's retryable SIP codes, or empty for the edge's defaults
 * @param codecs the codecs the edge's UAC offers toward the trunk, in order (names of
 *     {@link io.switchboard.sip.uac.SdpOffer}); null or empty: PCMU, PCMA
 * @param dtmfMode {@code rfc2833} (telephone-event offered, RFC 4733), {@code info} or {@code inband}
 *     (none offered); null: rfc2833
 * @param headers extra headers put on every INVITE toward the trunk (the edge's own call and proxied
 *     calls), name → one-line value; null: none
 */
public record SipTrunk(String id, String host, int port, SipTransport transport, String techPrefix,
                       NumberFormat numberFormat, List<CidrBlock> allowedSources, String username, String password,
                       int maxConcurrent, int cps, Set<Integer> retrySipCodes, List<String> codecs, String dtmfMode,
                       java.util.Map<String, String> headers) {

    /** A trunk with the default media (PCMU, PCMA, RFC 4733 DTMF) and no extra headers. */
    public SipTrunk(String id, String host, int port, SipTransport transport, String techPrefix,
                    NumberFormat numberFormat, List<CidrBlock> allowedSources, String username, String password,
                    int maxConcurrent, int cps, Set<Integer> retrySipCodes) {
        this(id, host, port, transport, techPrefix, numberFormat, allowedSources, username, password, maxConcurrent, cps,
                retrySipCodes, null, null, null);
    }

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if id, host, transport or numberFormat is null
     * @throws IllegalArgumentException if the port or a limit is out of range
     */
    public SipTrunk {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(numberFormat, "numberFormat");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("trunk " + id + ": port out of range: " + port);
        }
        if (maxConcurrent < 0 || cps < 0) {
            throw new IllegalArgumentException("trunk " + id + ": negative limit");
        }
        techPrefix = techPrefix == null ? "" : techPrefix;
        allowedSources = allowedSources == null ? List.of() : List.copyOf(allowedSources);
        retrySipCodes = retrySipCodes == null ? Set.of() : Set.copyOf(retrySipCodes);
        codecs = codecs == null || codecs.isEmpty() ? List.of("PCMU", "PCMA") : List.copyOf(codecs);
        dtmfMode = dtmfMode == null || dtmfMode.isEmpty() ? "rfc2833" : dtmfMode;
        headers = headers == null ? java.util.Map.of() : java.util.Map.copyOf(headers);
    }

    /** @return a copy with other media and extra headers (null: the defaults) */
    public SipTrunk withMedia(List<String> offered, String dtmf, java.util.Map<String, String> extraHeaders) {
        return new SipTrunk(id, host, port, transport, techPrefix, numberFormat, allowedSources, username, password,
                maxConcurrent, cps, retrySipCodes, offered, dtmf, extraHeaders);
    }

    /**
     * A trunk with defaults: E.164 numbers, no prefix, no credentials, no limits.
     *
     * @param id carrier id
     * @param host host
     * @param port port
     * @param transport transport
     * @return the trunk
     */
    public static SipTrunk of(String id, String host, int port, SipTransport transport) {
        return new SipTrunk(id, host, port, transport, "", NumberFormat.E164, List.of(), null, null, 0, 0, Set.of());
    }

    /** @return a copy with digest credentials */
    public SipTrunk withCredentials(String user, String secret) {
        return new SipTrunk(id, host, port, transport, techPrefix, numberFormat, allowedSources, user, secret,
                maxConcurrent, cps, retrySipCodes, codecs, dtmfMode, headers);
    }

    /** @return a copy with limits (0: none) */
    public SipTrunk withLimits(int concurrent, int callsPerSecond) {
        return new SipTrunk(id, host, port, transport, techPrefix, numberFormat, allowedSources, username, password,
                concurrent, callsPerSecond, retrySipCodes, codecs, dtmfMode, headers);
    }

    /** @return whether digest credentials are configured */
    public boolean hasCredentials() {
        return username != null && !username.isEmpty() && password != null;
    }

    /**
     * @param number the called number
     * @return the Request-URI user part for this trunk: tech prefix + formatted number
     */
    public String userPart(E164 number) {
        return techPrefix + numberFormat.format(number);
    }

    /** @return the trunk's SIP URI for {@code user} (RFC 3261 §19.1), e.g. {@code sip:+44...@10.0.0.1:5060;transport=tcp} */
    public String uri(String user) {
        String hostPart = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return "sip:" + (user == null || user.isEmpty() ? "" : user + "@") + hostPart + ":" + port
                + (transport == SipTransport.UDP ? "" : ";transport=" + transport.wire());
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SipTrunk[" + id + " " + transport.wire() + ":" + host + ":" + port
                + (hasCredentials() ? " user=" + username : "") + "]";
    }
}
