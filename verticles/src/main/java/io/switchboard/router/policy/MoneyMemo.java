package io.switchboard.router.policy;

import io.switchboard.contract.model.Money;
import io.switchboard.router.index.Micros;
import java.util.Currency;

/**
 * {@link Money} values of one currency by micro-units, remembered in a small direct-mapped table so
 * that the plans of a busy router share the objects for the amounts they keep quoting (the same
 * few thousand deck rates) instead of allocating a {@code Money} and its {@code BigDecimal} per
 * candidate.
 *
 * <p>{@link #of(long)} returns a value equal to {@code Money.of(Micros.toPlainDecimal(micros),
 * currency)} (scale without trailing zeros: {@code 12780 → 0.01278}), exact as ever: the key is
 * the exact amount. Thread-safe without locks: entries are immutable, a slot is overwritten whole
 * by a reference write, and a lost write only costs a later miss.
 */
final class MoneyMemo {

    private static final int SLOTS = 4096; // a power of two

    private record Entry(long micros, Money money) {
    }

    private final Currency currency;
    private final Entry[] slots = new Entry[SLOTS];

    /** @param currency the currency of every amount */
    MoneyMemo(Currency currency) {
        this.currency = currency;
    }

    /**
     * @param micros an exact amount in micro-units (10⁻⁶) of the currency
     * @return that amount as money, shared with earlier calls for the same amount when remembered
     */
    Money of(long micros) {
        int slot = (int) ((micros ^ (micros >>> 32)) * 0x9E3779B9L >>> 20) & (SLOTS - 1);
        Entry entry = slots[slot];
        if (entry != null && entry.micros() == micros) {
            return entry.money();
        }
        Money money = Money.of(Micros.toPlainDecimal(micros), currency);
        slots[slot] = new Entry(micros, money);
        return money;
    }
}
