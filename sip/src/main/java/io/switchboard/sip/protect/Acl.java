package io.switchboard.sip.protect;

import java.net.InetAddress;
import java.util.List;

/**
 * Who may send new calls to the edge: a list of CIDR blocks. An empty list allows nobody.
 *
 * @param blocks the allowed blocks
 */
public record Acl(List<CidrBlock> blocks) {

    /** Copies the list. */
    public Acl {
        blocks = List.copyOf(blocks);
    }

    /**
     * @param cidrs CIDR texts, e.g. {@code ["127.0.0.0/8", "10.1.2.3"]}
     * @return the ACL
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static Acl of(List<String> cidrs) {
        return new Acl(cidrs.stream().map(CidrBlock::parse).toList());
    }

    /**
     * @param source the packet's source address
     * @return whether a block contains it
     */
    public boolean allows(InetAddress source) {
        for (CidrBlock block : blocks) {
            if (block.contains(source)) {
                return true;
            }
        }
        return false;
    }
}
