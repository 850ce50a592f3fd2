package io.switchboard.router.deck;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVRecord;

/**
 * Twilio's published voice price list:
 * {@code ISO,Country,Description,Price / min,Origination Prefixes,Destination Prefixes}, e.g.
 * {@code ZW,Zimbabwe,Programmable Outbound Minute - Zimbabwe - Mobile - Telecel,0.548,,"26373"}.
 * One CSV row lists its destination prefixes in one quoted, comma-separated cell and yields one
 * {@link DeckRow} per prefix (the {@code twilio-voice.csv} deck: 10,237 rows, 29,176 prefixes).
 *
 * <p>The price list states neither increments, currency, connect fee nor dates, so they come from
 * {@link Options}: by default increments 60/60 — Twilio bills voice per minute, any partial minute
 * rounded up to the next full minute (Twilio support, "How are Twilio voice and calling product
 * minutes rounded for billing?", article 223132307: Programmable Voice, SIP Interface, Elastic SIP
 * Trunking) — currency USD (the published list's currency), no connect fee, effective always. A
 * contract with sub-minute billing is configured with other {@link Options}.
 *
 * <p>Destination names are the {@code Description} cell without Twilio's
 * {@code "Programmable Outbound Minute - "} lead ({@code Zimbabwe - Mobile - Telecel}). A row with
 * a non-empty {@code Origination Prefixes} cell is rejected: its price depends on the caller's
 * origin, which a {@link DeckRow} cannot express. A {@link MappedLayout} does the parsing
 * (prefix lists as in {@link SupplierNoticeLayout}); the header must be the first non-blank line.
 */
public final class TwilioPriceListLayout implements DeckLayout {

    /** The lead Twilio puts before every destination description. */
    static final String DESCRIPTION_LEAD = "Programmable Outbound Minute - ";

    /**
     * What the price list does not say.
     *
     * @param initialIncrement first billing increment, seconds (&gt; 0)
     * @param nextIncrement following increments, seconds (&gt; 0)
     * @param currency ISO 4217 code of the prices
     * @param effectiveFrom when the list applies from; {@code null}: always
     */
    public record Options(int initialIncrement, int nextIncrement, String currency, Instant effectiveFrom) {

        /** 60/60, USD, effective always: Twilio's per-minute, rounded-up billing. */
        public static final Options DEFAULTS = new Options(60, 60, "USD", null);

        /** @throws IllegalArgumentException an increment is not positive or the currency is not ISO 4217 */
        public Options {
            if (initialIncrement <= 0 || nextIncrement <= 0) {
                throw new IllegalArgumentException("increments must be positive: " + initialIncrement + "/" + nextIncrement);
            }
            Objects.requireNonNull(currency, "currency");
            if (Fields.isoCurrency(currency) == null) {
                throw new IllegalArgumentException("currency '" + currency + "' is not an ISO 4217 code");
            }
        }
    }

    private final Options options;
    private final MappedLayout mapped;

    /** The layout with {@link Options#DEFAULTS}. */
    public TwilioPriceListLayout() {
        this(Options.DEFAULTS);
    }

    /** @param options increments, currency and effective date to give every row */
    public TwilioPriceListLayout(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.mapped = new MappedLayout("twilio", mapping(options));
    }

    /**
     * @param options the values the price list does not carry
     * @return the column mapping used for the Twilio layout with these options
     */
    public static ColumnMapping mapping(Options options) {
        return ColumnMapping.builder()
                .prefix("Destination Prefixes")
                .prefixLists(true)
                .destination("Description")
                .rate("Price / min")
                .fixedIncrements(options.initialIncrement(), options.nextIncrement())
                .fixedCurrency(options.currency())
                .defaultEffectiveFrom(options.effectiveFrom())
                .mustBeEmpty("Origination Prefixes")
                .build();
    }

    /** @return the options in force */
    public Options options() {
        return options;
    }

    /** @return the mapping in force */
    public ColumnMapping mapping() {
        return mapped.mapping();
    }

    /** @return the generic layout doing the parsing (without the description clean-up) */
    MappedLayout mapped() {
        return mapped;
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public Session start() {
        Session inner = mapped.start();
        return new Session() {
            @Override
            public RecordOutcome map(CSVRecord record, long rowNumber) {
                RecordOutcome out = inner.map(record, rowNumber);
                if (!(out instanceof RecordOutcome.Rows rows)) {
                    return out;
                }
                String first = rows.rows().get(0).destination();
                if (!first.startsWith(DESCRIPTION_LEAD)) {
                    return out;
                }
                String name = first.substring(DESCRIPTION_LEAD.length()).trim();
                List<DeckRow> renamed = new ArrayList<>(rows.rows().size());
                for (DeckRow r : rows.rows()) {
                    renamed.add(new DeckRow(r.rowNumber(), r.prefix(), name, r.rate(), r.connectFee(),
                            r.initialIncrement(), r.nextIncrement(), r.effectiveFrom(), r.effectiveUntil(),
                            r.currency(), r.closed()));
                }
                return new RecordOutcome.Rows(renamed);
            }

            @Override
            public void finish(long linesRead) {
                inner.finish(linesRead);
            }
        };
    }
}
