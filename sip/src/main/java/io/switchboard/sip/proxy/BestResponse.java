package io.switchboard.sip.proxy;

import java.util.List;
import java.util.Set;

/**
 * Chooses the response a stateful proxy sends upstream when no branch succeeded (RFC 3261 §16.7
 * step 6): a 6xx if any; otherwise the lowest class received (3xx before 4xx before 5xx), within 4xx
 * preferring 401, 407, 415, 420 and 484; the first received in the chosen class otherwise. A chosen
 * 503 is sent as 500 (§16.7 step 6: a proxy forwards a 503 only when all its requests would fail).
 */
public final class BestResponse {

    private static final Set<Integer> PREFERRED_4XX = Set.of(401, 407, 415, 420, 484);

    private BestResponse() {
    }

    /**
     * @param codes final codes of the response context in arrival order (synthetic 408 for
     *     timeouts, 503 for transport errors, §16.7/§16.9), not empty
     * @return the index of the chosen response
     * @throws IllegalArgumentException if {@code codes} is empty
     */
    public static int choose(List<Integer> codes) {
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("empty response context");
        }
        int best = -1;
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i) >= 600) {
                return i;
            }
        }
        for (int i = 0; i < codes.size(); i++) {
            int c = codes.get(i);
            if (best < 0 || c / 100 < codes.get(best) / 100) {
                best = i;
            } else if (c / 100 == 4 && codes.get(best) / 100 == 4 && PREFERRED_4XX.contains(c)
                    && !PREFERRED_4XX.contains(codes.get(best))) {
                best = i;
            }
        }
        return best;
    }

    /**
     * @param code the chosen code
     * @return the code to send upstream: 500 for 503, else the code
     */
    public static int upstreamCode(int code) {
        return code == 503 ? 500 : code;
    }
}
