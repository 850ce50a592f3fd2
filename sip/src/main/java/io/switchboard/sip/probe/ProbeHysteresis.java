package io.switchboard.sip.probe;

/**
 * A trunk's up/down state from consecutive probe results: an up trunk goes down after
 * {@code downAfter} failures in a row, a down trunk comes up after {@code upAfter} successes in a
 * row. A trunk starts up (a new trunk is offered until its probes say otherwise).
 */
public final class ProbeHysteresis {

    private final int downAfter;
    private final int upAfter;
    private boolean up = true;
    private int failures;
    private int successes;

    /**
     * @param downAfter failures in a row that mark it down, at least 1
     * @param upAfter successes in a row that mark it up, at least 1
     */
    public ProbeHysteresis(int downAfter, int upAfter) {
        this.downAfter = downAfter;
        this.upAfter = upAfter;
    }

    /**
     * @param alive this probe's result
     * @return whether the state changed
     */
    public boolean record(boolean alive) {
        if (alive) {
            failures = 0;
            successes++;
            if (!up && successes >= upAfter) {
                up = true;
                return true;
            }
        } else {
            successes = 0;
            failures++;
            if (up && failures >= downAfter) {
                up = false;
                return true;
            }
        }
        return false;
    }

    /** @return whether the trunk is up */
    public boolean up() {
        return up;
    }
}
