package io.switchboard.router.index;

import io.switchboard.contract.model.BillingIncrement;
import io.switchboard.contract.model.Money;
import io.switchboard.contract.model.Service;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/**
 * The result of {@link RateTable#lookup}: the deck row that applies to a number at an instant.
 *
 * <p><strong>Check {@link #closed()} first.</strong> A closed match means the carrier
 * <em>withdrew</em> the code: the deepest row effective on the number's path is a "Closed" row, so
 * the carrier must not be used for this number (exclusion reason "code closed by carrier"). Its
 * prices are those of the closed row (usually 0) and mean nothing. {@link #routable()} is the
 * negation.
 *
 * @param carrierId the carrier of the deck
 * @param service the service of the deck
 * @param deckVersion the deck version the row comes from
 * @param matchedPrefix the deck prefix that matched (a prefix of the number)
 * @param destination the destination name of the row (may be empty)
 * @param rateMicros rate per minute (voice) or per message, micro-units of {@code currency}
 * @param connectFeeMicros connect fee, micro-units of {@code currency}
 * @param initialIncrement first billing increment, seconds
 * @param nextIncrement following billing increments, seconds
 * @param effectiveFrom first instant the row applies (whole second); {@code null}: always
 * @param effectiveUntil instant the row stops applying (exclusive, whole second); {@code null}:
 *     open
 * @param currency the deck currency
 * @param closed whether the code is closed (withdrawn) by the carrier: not routable
 */
public record RateMatch(
        String carrierId,
        Service service,
        long deckVersion,
        String matchedPrefix,
        String destination,
        long rateMicros,
        long connectFeeMicros,
        int initialIncrement,
        int nextIncrement,
        Instant effectiveFrom,
        Instant effectiveUntil,
        Currency currency,
        boolean closed) {

    /** @return {@code !closed()}: the carrier may be used for the number at that rate */
    public boolean routable() {
        return !closed;
    }

    /** @return the rate as an exact decimal (scale 6) */
    public BigDecimal rate() {
        return Micros.toDecimal(rateMicros);
    }

    /** @return the rate as money */
    public Money rateMoney() {
        return Money.of(rate(), currency);
    }

    /** @return the connect fee as an exact decimal (scale 6) */
    public BigDecimal connectFee() {
        return Micros.toDecimal(connectFeeMicros);
    }

    /** @return the billing increment, e.g. {@code 60/1} */
    public BillingIncrement increment() {
        return new BillingIncrement(initialIncrement, nextIncrement);
    }
}
