package io.switchboard.sip.stack;

/**
 * Where the edge listens (RFC 3261 §18: the same port serves UDP and TCP unless told otherwise).
 *
 * @param host the IP address to bind and to put in Via and Record-Route (an IP literal)
 * @param udpPort UDP port; 0 picks a free one, -1 disables UDP
 * @param tcpPort TCP port; 0 picks a free one (the UDP port when that is free for TCP too), -1
 *     disables TCP
 * @param tlsPort TLS port, used only when {@code tlsKeystore} is set; 0 picks a free one
 * @param tlsKeystore path of a JKS/PKCS12 keystore holding the certificate, or empty for no TLS
 * @param tlsKeystorePassword its password
 * @param udpBufferBytes socket receive/send buffer asked of the kernel for UDP, bytes
 * @param receiveThreads JAIN-SIP's message-processing threads
 */
public record EndpointSettings(String host, int udpPort, int tcpPort, int tlsPort, String tlsKeystore,
                               String tlsKeystorePassword, int udpBufferBytes, int receiveThreads) {

    /**
     * @param host bind address
     * @return UDP and TCP on one free port, no TLS, 4 MB buffers, 4 threads
     */
    public static EndpointSettings anyPort(String host) {
        return new EndpointSettings(host, 0, 0, 0, "", "", 4 * 1024 * 1024, 4);
    }

    /** @return whether a TLS listening point is wanted */
    public boolean tls() {
        return tlsKeystore != null && !tlsKeystore.isBlank();
    }

    /** Never prints the keystore password. */
    @Override
    public String toString() {
        return "EndpointSettings[" + host + " udp=" + udpPort + " tcp=" + tcpPort + (tls() ? " tls=" + tlsPort : "") + "]";
    }
}
