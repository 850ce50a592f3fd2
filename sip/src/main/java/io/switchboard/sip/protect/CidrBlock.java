package io.switchboard.sip.protect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One IPv4 or IPv6 address block in CIDR notation (RFC 4632), e.g. {@code 10.0.0.0/8},
 * {@code 2001:db8::/32}; a bare address is a /32 (or /128).
 *
 * @param network the network bytes (4 or 16), host bits cleared
 * @param prefixLength the prefix length in bits
 */
public record CidrBlock(byte[] network, int prefixLength) {

    /**
     * @param text {@code a.b.c.d/n}, {@code ipv6/n} or a bare address; must be an IP literal (no
     *     name resolution happens)
     * @return the block
     * @throws IllegalArgumentException if the text is not an IP literal or the prefix is out of range
     */
    public static CidrBlock parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (!address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + text + "'");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + text + "'");
        }
        int length;
        try {
            length = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in '" + text + "'");
        }
        if (length < 0 || length > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
        }
        return new CidrBlock(mask(bytes, length), length);
    }

    /**
     * @param address an address
     * @return whether it lies in this block (IPv4 never matches an IPv6 block and back)
     */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    private static byte[] mask(byte[] bytes, int length) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CidrBlock other && other.prefixLength == prefixLength && Arrays.equals(other.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            return "?/" + prefixLength;
        }
    }
}
