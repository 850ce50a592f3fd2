package io.switchboard.calls;

import io.switchboard.contract.call.CallRecord;
import io.switchboard.contract.model.BillingIncrement;
import io.switchboard.contract.model.Money;
import io.switchboard.router.index.CostCalculator;

/**
 * The exact cost of a finished call or message (DESIGN section 5), from the price of the deck row
 * that routed it ({@link CallRecord#rate()}, {@link CallRecord#connectFee()},
 * {@link CallRecord#increment()}).
 *
 * <ul>
 * <li>Call: {@code connect_fee + rate × billed_minutes}, billed seconds = the answered duration
 *     rounded up to the initial increment, then to the next ({@link CostCalculator}); an unanswered
 *     call costs 0 and bills 0 s.</li>
 * <li>Message: {@code rate × segments} once a carrier accepted it (carriers bill a sent message
 *     whether or not a receipt follows); 0 when no carrier accepted it.</li>
 * </ul>
 * An unrouted record (no rate) costs 0 in {@code fallbackCurrency}.
 */
public final class CallPricing {

    private CallPricing() {
    }

    /**
     * @param call a finished record
     * @param fallbackCurrency ISO 4217 code used when the record was never priced
     * @return the record with {@code billedSeconds} (calls) and {@code cost} set, scale 6
     */
    public static CallRecord price(CallRecord call, String fallbackCurrency) {
        if (call.rate() == null) {
            return call.toBuilder().duration(call.durationS(), call.voice() ? 0 : null)
                    .cost(Money.of("0", fallbackCurrency).rounded(6)).build();
        }
        if (!call.voice()) {
            boolean accepted = call.carrierCallId() != null;
            int segments = call.segments() == null ? 1 : call.segments();
            Money cost = accepted ? call.rate().times(segments).rounded(6) : Money.zero(call.rate().currency()).rounded(6);
            return call.toBuilder().cost(cost).build();
        }
        long duration = call.durationS() == null ? 0 : call.durationS();
        BillingIncrement increment = call.increment() != null ? call.increment() : BillingIncrement.PER_MINUTE;
        Money fee = call.connectFee() != null ? call.connectFee() : Money.zero(call.rate().currency());
        Money cost = CostCalculator.cost(call.rate().amount(), fee.amount(), increment, duration,
                call.rate().currency());
        return call.toBuilder().duration((int) duration, (int) increment.billedSeconds(duration)).cost(cost).build();
    }
}
