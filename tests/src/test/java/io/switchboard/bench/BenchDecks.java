package io.switchboard.bench;

import io.switchboard.contract.model.Service;
import io.switchboard.router.deck.DeckRow;
import io.switchboard.router.index.RateTable;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Minimal, streaming readers for the two layouts of {@code ../shared/data/decks} (A–Z and
 * Twilio's price list), for benchmarks only: rows go straight into a {@link RateTable.Builder},
 * no row list is kept. (The real importer, with validation and rejection reports, lives in the
 * router.)
 */
final class BenchDecks {

    static final Currency USD = Currency.getInstance("USD");
    static final String[] FILES = {"wholesale-a-voice.csv", "wholesale-b-voice.csv",
        "telnyx-voice.csv", "plivo-voice.csv", "bandwidth-voice.csv", "twilio-voice.csv"};

    private static final CSVFormat HEADED =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    private BenchDecks() {
    }

    static Path dataDir() {
        return Path.of(System.getProperty("switchboard.data", "../../shared/data"));
    }

    /** @return the table of one deck file of {@code decks/}, version 1 */
    static RateTable load(Path file) throws IOException {
        String name = file.getFileName().toString();
        String carrier = name.replace("-voice.csv", "");
        RateTable.Builder b = RateTable.builder(carrier, Service.VOICE, 1, USD);
        try (Reader in = Files.newBufferedReader(file); CSVParser parser = HEADED.parse(in)) {
            boolean twilio = parser.getHeaderMap().containsKey("Destination Prefixes");
            for (CSVRecord r : parser) {
                if (twilio) {
                    addTwilio(b, r);
                } else {
                    addAz(b, r);
                }
            }
        }
        return b.build();
    }

    private static void addAz(RateTable.Builder b, CSVRecord r) {
        b.add(new DeckRow(r.getRecordNumber() + 1, r.get("prefix"), r.get("destination"),
                new BigDecimal(r.get("rate_per_min")), new BigDecimal(r.get("connect_fee")),
                Integer.parseInt(r.get("initial_increment_s")),
                Integer.parseInt(r.get("next_increment_s")), day(r.get("effective_from")),
                day(r.get("effective_until")), r.get("currency"), false));
    }

    /** One row per destination prefix; increments as the data README describes them. */
    private static void addTwilio(RateTable.Builder b, CSVRecord r) {
        String iso = r.get("ISO");
        String description = r.get("Description");
        BigDecimal rate = new BigDecimal(r.get("Price / min"));
        int initial;
        int next;
        if (iso.equals("US") || iso.equals("CA")) {
            initial = 6;
            next = 6;
        } else if (description.contains("Mobile")) {
            initial = 60;
            next = 1;
        } else {
            initial = 1;
            next = 1;
        }
        for (String p : r.get("Destination Prefixes").split(",")) {
            String prefix = p.trim();
            if (!prefix.isEmpty()) {
                b.add(new DeckRow(r.getRecordNumber() + 1, prefix, description, rate,
                        BigDecimal.ZERO, initial, next, null, null, "USD", false));
            }
        }
    }

    private static Instant day(String s) {
        return s.isBlank() ? null
                : LocalDate.parse(s.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** @return the numbers of {@code traffic/calls.csv}, without {@code +} */
    static String[] callNumbers(Path data) throws IOException {
        List<String> numbers = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(data.resolve("traffic/calls.csv"));
                CSVParser parser = HEADED.parse(in)) {
            for (CSVRecord r : parser) {
                String to = r.get(0);
                numbers.add(to.startsWith("+") ? to.substring(1) : to);
            }
        }
        return numbers.toArray(String[]::new);
    }
}
