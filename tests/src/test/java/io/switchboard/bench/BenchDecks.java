package io.switchboard.bench;

import io.switchboard.contract.model.Service;
import io.switchboard.router.deck.DeckFormat;
import io.switchboard.router.deck.DeckReader;
import io.switchboard.router.index.RateTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The benchmark's inputs from {@code ../shared/data} (property {@code switchboard.data}): each
 * deck of {@code decks/} read with the importer's own {@link DeckReader} (layout detected from
 * the header) into a {@link RateTable}, and the destination numbers of {@code traffic/calls.csv}.
 */
final class BenchDecks {

    static final Currency USD = Currency.getInstance("USD");
    static final String[] FILES = {"wholesale-a-voice.csv", "wholesale-b-voice.csv",
        "telnyx-voice.csv", "plivo-voice.csv", "bandwidth-voice.csv", "twilio-voice.csv"};

    private BenchDecks() {
    }

    static Path dataDir() {
        Path data = Path.of(System.getProperty("switchboard.data", "../../shared/data"));
        if (!Files.isDirectory(data.resolve("decks"))) {
            throw new IllegalStateException("no decks under " + data.toAbsolutePath() + " (set -Dswitchboard.data)");
        }
        return data;
    }

    /** @return the carrier id of a deck file: {@code wholesale-a-voice.csv} → {@code wholesale-a} */
    static String carrier(Path file) {
        return file.getFileName().toString().replace("-voice.csv", "");
    }

    /** @return the table of one deck file, with the given version number */
    static RateTable load(Path file, long version) throws IOException {
        RateTable.Builder builder = RateTable.builder(carrier(file), Service.VOICE, version, USD);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            DeckFormat format = DeckFormat.sniff(in).orElseThrow(() -> new IOException("unknown layout: " + file));
            new DeckReader().read(in, format.defaultLayout(), builder::add, rejection -> {
                throw new IllegalStateException(file + ": " + rejection.message());
            });
        }
        return builder.build();
    }

    /** @return the table of one deck file of {@code decks/}, version 1 */
    static RateTable load(Path file) throws IOException {
        return load(file, 1);
    }

    /** @return the numbers of {@code traffic/calls.csv}, without {@code +} */
    static String[] callNumbers(Path data) throws IOException {
        List<String> numbers = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(data.resolve("traffic/calls.csv"));
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : parser) {
                String to = r.get(0);
                numbers.add(to.startsWith("+") ? to.substring(1) : to);
            }
        }
        return numbers.toArray(String[]::new);
    }
}
