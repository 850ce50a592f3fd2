package io.switchboard.sip.trunk;

import java.util.Locale;

/** A SIP transport (RFC 3261 §18): how requests reach a trunk or the edge. */
public enum SipTransport {
    /** UDP, the default of RFC 3261 §18.1.1. */
    UDP,
    /** TCP. */
    TCP,
    /** TLS over TCP (RFC 3261 §26.2). */
    TLS;

    /** @return the lower-case name used in URIs and Via headers' transport parameter ({@code udp}) */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text {@code udp}, {@code tcp} or {@code tls}, any case
     * @return the transport
     * @throws IllegalArgumentException for anything else
     */
    public static SipTransport parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("transport must be udp, tcp or tls, got '" + text + "'");
        }
    }
}
