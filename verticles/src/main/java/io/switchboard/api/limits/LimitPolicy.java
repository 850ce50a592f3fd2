package io.switchboard.api.limits;

import io.switchboard.api.auth.ApiPrincipal;
import io.switchboard.contract.error.ErrorCode;
import io.switchboard.contract.error.SwitchboardException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the limits of a request from its key's tenant: the plan's limits, each replaced by the
 * tenant's override when it has one.
 *
 * <p>Plans (the specification, Appendix C "Rate Limit Tiers", and section 9.5 "Default limits by
 * operation type"): section 9.5's defaults (voice 5/s, 100/min, 1,000/day; SMS 10/s, 300/min,
 * 10,000/day; analytics 20/s, 200/min, 5,000/day) are exactly the Growth tier's values where
 * Appendix C gives them, so they are Growth's. Appendix C gives per plan the voice and SMS rate per
 * second, the SMS per day and the concurrent voice calls; the windows it leaves out (voice per
 * minute and day, SMS per minute) scale with the per-second rate in section 9.5's proportions
 * (voice: ×20 per minute, ×200 per day; SMS: ×30 per minute). Analytics is the same for every plan.
 *
 * <table>
 * <caption>limits per API key and operation (per second / minute / day) and per tenant (concurrent calls)</caption>
 * <tr><th>plan</th><th>voice</th><th>concurrent calls</th><th>sms</th><th>analytics</th></tr>
 * <tr><td>starter</td><td>1 / 20 / 200</td><td>5</td><td>1 / 30 / 1,000</td><td>20 / 200 / 5,000</td></tr>
 * <tr><td>growth</td><td>5 / 100 / 1,000</td><td>50</td><td>10 / 300 / 10,000</td><td>20 / 200 / 5,000</td></tr>
 * <tr><td>business</td><td>20 / 400 / 4,000</td><td>200</td><td>50 / 1,500 / 100,000</td><td>20 / 200 / 5,000</td></tr>
 * <tr><td>enterprise</td><td>50 / 1,000 / 10,000</td><td>1,000</td><td>100 / 3,000 / 500,000</td><td>20 / 200 / 5,000</td></tr>
 * </table>
 *
 * <p>Overrides: the tenant's {@code limits} map ({@link ApiPrincipal#limits()}) with keys
 * {@code <operation>_per_second}, {@code <operation>_per_minute}, {@code <operation>_per_day}
 * (operation {@code voice}, {@code sms} or {@code analytics}) and {@code voice_concurrent}; each a
 * whole number ≥ 0, where 0 lifts that limit. E.g. {@code {"voice_per_second": 50, "voice_concurrent": 0}}.
 * Rates apply to each API key of the tenant; the concurrent-call limit to the tenant as a whole.
 */
public final class LimitPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(LimitPolicy.class);

    /** Override key of the concurrent voice calls of a tenant. */
    public static final String VOICE_CONCURRENT = "voice_concurrent";

    /** Every override key a tenant's {@code limits} map may hold. */
    public static final Set<String> OVERRIDE_KEYS;

    static {
        Set<String> keys = new TreeSet<>();
        for (Operation op : Operation.values()) {
            keys.add(op.id() + "_per_second");
            keys.add(op.id() + "_per_minute");
            keys.add(op.id() + "_per_day");
        }
        keys.add(VOICE_CONCURRENT);
        OVERRIDE_KEYS = Set.copyOf(keys);
    }

    private record Plan(RateLimit voice, long concurrentCalls, RateLimit sms) {
    }

    private static final RateLimit ANALYTICS = new RateLimit(20, 200, 5_000);
    private static final Map<String, Plan> PLANS = Map.of(
            "starter", new Plan(new RateLimit(1, 20, 200), 5, new RateLimit(1, 30, 1_000)),
            "growth", new Plan(new RateLimit(5, 100, 1_000), 50, new RateLimit(10, 300, 10_000)),
            "business", new Plan(new RateLimit(20, 400, 4_000), 200, new RateLimit(50, 1_500, 100_000)),
            "enterprise", new Plan(new RateLimit(50, 1_000, 10_000), 1_000, new RateLimit(100, 3_000, 500_000)));
    /** The plan of a tenant whose plan is unknown: the specification's defaults (section 9.5). */
    public static final String DEFAULT_PLAN = "growth";

    /**
     * @param principal the request's principal
     * @param operation the operation
     * @return the key's rate limits for the operation
     */
    public RateLimit rate(ApiPrincipal principal, Operation operation) {
        Plan plan = plan(principal.plan());
        RateLimit base = switch (operation) {
            case VOICE -> plan.voice();
            case SMS -> plan.sms();
            case ANALYTICS -> ANALYTICS;
        };
        Map<String, Object> limits = principal.limits();
        String op = operation.id();
        return new RateLimit(override(limits, op + "_per_second", base.perSecond()),
                override(limits, op + "_per_minute", base.perMinute()),
                override(limits, op + "_per_day", base.perDay()));
    }

    /**
     * @param principal the request's principal
     * @return the most voice calls its tenant may have live at once, 0 for no limit
     */
    public long concurrentCalls(ApiPrincipal principal) {
        return override(principal.limits(), VOICE_CONCURRENT, plan(principal.plan()).concurrentCalls());
    }

    /**
     * Checks a tenant's overrides before they are stored (for the admin API).
     *
     * @param limits the overrides
     * @throws SwitchboardException TEL-011 naming {@code limits.<key>} for an unknown key or a value
     *     that is not a whole number ≥ 0
     */
    public static void validate(Map<String, ?> limits) {
        for (Map.Entry<String, ?> entry : limits.entrySet()) {
            String field = "limits." + entry.getKey();
            if (!OVERRIDE_KEYS.contains(entry.getKey())) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, field, field
                        + ": unknown limit; known: " + String.join(", ", new TreeSet<>(OVERRIDE_KEYS)));
            }
            if (whole(entry.getValue()) < 0) {
                throw SwitchboardException.invalidField(ErrorCode.TEL_011, field, field
                        + ": expected a whole number >= 0 (0: no limit), got " + entry.getValue());
            }
        }
    }

    private static Plan plan(String name) {
        Plan plan = PLANS.get(name == null ? DEFAULT_PLAN : name.toLowerCase(Locale.ROOT));
        if (plan == null) {
            LOG.warn("unknown plan '{}': the {} plan's limits apply", name, DEFAULT_PLAN);
            return PLANS.get(DEFAULT_PLAN);
        }
        return plan;
    }

    private static long override(Map<String, Object> limits, String key, long planValue) {
        Object value = limits.get(key);
        if (value == null) {
            return planValue;
        }
        long whole = whole(value);
        if (whole < 0) {
            LOG.warn("tenant limit override {}={} is not a whole number >= 0: the plan's {} applies", key, value,
                    planValue);
            return planValue;
        }
        return whole;
    }

    /** @return the value as a whole number, or -1 when it is not one */
    private static long whole(Object value) {
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return d >= 0 && d == Math.rint(d) && d <= Long.MAX_VALUE ? number.longValue() : -1;
        }
        return -1;
    }
}
