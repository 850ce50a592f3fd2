package io.switchboard.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The decks of a replay: every {@code <carrier>-<service>.csv} file of a folder (the shipped
 * {@code decks/} folder names its files so: {@code telnyx-voice.csv}, {@code wholesale-a-voice.csv}).
 */
public final class DeckSet {

    private static final Pattern NAME = Pattern.compile("([a-z0-9][a-z0-9-]*)-(voice|sms)\\.csv");

    /**
     * One deck file.
     *
     * @param carrier the carrier id (from the file name)
     * @param service {@code voice} or {@code sms}
     * @param file the file
     */
    public record Deck(String carrier, String service, Path file) {
    }

    private DeckSet() {
    }

    /**
     * @param folder the folder
     * @return its decks, sorted by file name
     * @throws IllegalArgumentException {@code "--decks: ..."} when the folder cannot be read, holds a
     *     CSV file not named {@code <carrier>-<service>.csv}, or no deck
     */
    public static List<Deck> read(Path folder) {
        List<Deck> decks = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--decks: not a folder: " + folder);
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    throw new IllegalArgumentException("--decks: " + file + ": expected a name <carrier>-<service>.csv "
                            + "(carrier in lower case letters, digits and '-'; service voice or sms)");
                }
                decks.add(new Deck(m.group(1), m.group(2), file));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--decks: cannot list " + folder + ": " + e.getMessage());
        }
        if (decks.isEmpty()) {
            throw new IllegalArgumentException("--decks: no <carrier>-<service>.csv file in " + folder);
        }
        return decks;
    }
}
