package io.switchboard.api.limits;

/**
 * The rate limits of one operation for one API key: at most {@code perSecond} requests in any
 * second, {@code perMinute} in any minute and {@code perDay} in any day (token buckets refilled
 * continuously, so a full window's worth may come as one burst). A value of 0 means that window is
 * not limited.
 *
 * @param perSecond requests per second, 0 for no limit
 * @param perMinute requests per minute, 0 for no limit
 * @param perDay requests per day (86,400 s, rolling), 0 for no limit
 */
public record RateLimit(long perSecond, long perMinute, long perDay) {

    /** @throws IllegalArgumentException when a value is negative */
    public RateLimit {
        if (perSecond < 0 || perMinute < 0 || perDay < 0) {
            throw new IllegalArgumentException("negative rate limit: " + perSecond + "/" + perMinute + "/" + perDay);
        }
    }

    /** @return whether no window is limited */
    public boolean unlimited() {
        return perSecond == 0 && perMinute == 0 && perDay == 0;
    }

    /** @return a short text naming the limits, used in bucket keys so a changed limit starts a new bucket */
    public String fingerprint() {
        return perSecond + "/" + perMinute + "/" + perDay;
    }
}
