package io.switchboard.sip.proxy;

import io.switchboard.sip.protect.CidrBlock;
import io.switchboard.sip.trunk.SipTrunk;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trunks the edge knows, by carrier id, with the sources they may send from and their prober
 * state. Confined to the edge's context.
 */
public final class TrunkDirectory {

    private final Map<String, SipTrunk> trunks = new LinkedHashMap<>();
    private final List<CidrBlock> sources = new ArrayList<>();
    private final Set<String> down = new HashSet<>();

    /** @param trunks the trunks */
    public TrunkDirectory(Collection<SipTrunk> trunks) {
        for (SipTrunk t : trunks) {
            this.trunks.put(t.id(), t);
        }
        rebuildSources();
    }

    private void rebuildSources() {
        sources.clear();
        for (SipTrunk t : trunks.values()) {
            if (!t.allowedSources().isEmpty()) {
                sources.addAll(t.allowedSources());
            } else if (io.switchboard.sip.stack.Sender.isIpLiteral(t.host())) {
                sources.add(CidrBlock.parse(t.host()));
            }
        }
    }

    /** Adds a trunk or replaces the one of the same id (changed at run time); its prober state is kept. */
    public void put(SipTrunk trunk) {
        trunks.put(trunk.id(), trunk);
        rebuildSources();
    }

    /** Forgets a trunk (deleted at run time). */
    public void remove(String carrier) {
        trunks.remove(carrier);
        down.remove(carrier);
        rebuildSources();
    }

    /** @return the trunk with that carrier id, or null when it is not a SIP trunk */
    public SipTrunk get(String carrier) {
        return trunks.get(carrier);
    }

    /** @return every trunk */
    public Collection<SipTrunk> all() {
        return trunks.values();
    }

    /** @return whether the address is one a trunk may send from */
    public boolean isTrunkSource(InetAddress address) {
        for (CidrBlock b : sources) {
            if (b.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param carrier a trunk
     * @param isDown whether its OPTIONS prober says it is down (a down trunk is skipped)
     */
    public void markDown(String carrier, boolean isDown) {
        if (isDown) {
            down.add(carrier);
        } else {
            down.remove(carrier);
        }
    }

    /** @return whether the prober marked it down */
    public boolean isDown(String carrier) {
        return down.contains(carrier);
    }
}
