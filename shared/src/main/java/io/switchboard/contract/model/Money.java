package io.switchboard.contract.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money: a {@link BigDecimal} and an ISO 4217 {@link Currency}. Never a
 * {@code double}.
 *
 * <p>Arithmetic keeps the exact scale (rate decks carry 4 to 6 decimal places); rounding happens
 * only when asked, with {@link #rounded(int)}. Amounts may be negative (credits, refunds).
 *
 * <p>Equality is numeric within a currency: {@code 0.10 USD} equals {@code 0.1 USD}.
 *
 * <p>JSON: {@code {"amount":"0.0125","currency":"USD"}}. The amount is written as a <em>string</em>
 * in plain notation so that no client parses it into a binary float; reading also accepts a JSON
 * number, whose literal text is used as is.
 */
@JsonAutoDetect(getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE,
        fieldVisibility = Visibility.NONE)
public final class Money implements Comparable<Money> {

    private final BigDecimal amount;
    private final Currency currency;

    private Money(BigDecimal amount, Currency currency) {
        this.amount = Objects.requireNonNull(amount, "amount");
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    /**
     * @param amount the amount, any scale
     * @param currency the currency
     * @return the money
     * @throws NullPointerException if either is null
     */
    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    /**
     * @param amount a decimal in plain or exponent notation, e.g. {@code "0.0125"}
     * @param currency an ISO 4217 code, e.g. {@code "USD"}
     * @return the money, with the scale of {@code amount} as written
     * @throws IllegalArgumentException if the amount is not a decimal number or the currency is
     *     not an ISO 4217 code (also for null arguments)
     */
    @JsonCreator
    public static Money of(@JsonProperty("amount") String amount,
            @JsonProperty("currency") String currency) {
        if (amount == null || currency == null) {
            throw new IllegalArgumentException("money needs an amount and a currency");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal amount: '" + amount + "'", e);
        }
        try {
            return new Money(value, Currency.getInstance(currency.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an ISO 4217 currency: '" + currency + "'", e);
        }
    }

    /**
     * @param currency the currency
     * @return zero in that currency (scale 0)
     */
    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** @return the exact amount */
    public BigDecimal amount() {
        return amount;
    }

    /** @return the currency */
    public Currency currency() {
        return currency;
    }

    @JsonProperty("amount")
    private String amountJson() {
        return amount.toPlainString();
    }

    @JsonProperty("currency")
    private String currencyJson() {
        return currency.getCurrencyCode();
    }

    /**
     * @param other money in the same currency
     * @return the exact sum
     * @throws IllegalArgumentException if the currencies differ
     */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    /**
     * @param other money in the same currency
     * @return the exact difference {@code this - other}
     * @throws IllegalArgumentException if the currencies differ
     */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    /**
     * @param factor a multiplier, e.g. billed minutes
     * @return the exact product (scale = the sum of both scales)
     */
    public Money times(BigDecimal factor) {
        return new Money(amount.multiply(Objects.requireNonNull(factor, "factor")), currency);
    }

    /**
     * @param factor a multiplier, e.g. a number of messages
     * @return the exact product
     */
    public Money times(long factor) {
        return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
    }

    /**
     * @param scale decimal places, e.g. 2 for an invoice line in USD
     * @return this amount rounded to {@code scale} places, {@link RoundingMode#HALF_UP}
     */
    public Money rounded(int scale) {
        return new Money(amount.setScale(scale, RoundingMode.HALF_UP), currency);
    }

    /** @return true if the amount is zero, whatever its scale */
    public boolean isZero() {
        return amount.signum() == 0;
    }

    /** @return true if the amount is below zero */
    public boolean isNegative() {
        return amount.signum() < 0;
    }

    /**
     * Numeric order within one currency.
     *
     * @throws IllegalArgumentException if the currencies differ
     */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency.getCurrencyCode()
                    + " and " + other.currency.getCurrencyCode());
        }
    }

    /** Equal when the currencies are equal and the amounts are numerically equal (0.10 = 0.1). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Money that && currency.equals(that.currency)
                && amount.compareTo(that.amount) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * amount.stripTrailingZeros().hashCode() + currency.hashCode();
    }

    /** @return e.g. {@code "0.0125 USD"} */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
