package io.switchboard.replay;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a traffic file: CSV with a header holding at least {@code to} (E.164) and optionally
 * {@code service} ({@code voice} or {@code sms}); the shipped {@code traffic/calls.csv} has
 * {@code to,service,region,type}. Only voice rows are replayed (a row without service is voice).
 */
public final class TrafficFile {

    private TrafficFile() {
    }

    /**
     * @param file the CSV file
     * @param limit the most numbers to return (0: all)
     * @return the destination numbers of the voice rows, in file order
     * @throws IllegalArgumentException {@code "--traffic: ..."} when the file cannot be read, has no
     *     {@code to} column, or holds a number that is not E.164 (the row is named)
     */
    public static List<String> voiceNumbers(Path file, int limit) {
        List<String> numbers = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(in);
            if (!parser.getHeaderMap().containsKey("to")) {
                throw new IllegalArgumentException("--traffic: " + file + " has no 'to' column (header "
                        + parser.getHeaderNames() + ")");
            }
            boolean hasService = parser.getHeaderMap().containsKey("service");
            for (CSVRecord row : parser) {
                String service = hasService ? row.get("service") : "voice";
                if (!service.isEmpty() && !service.equals("voice")) {
                    continue;
                }
                String to = row.get("to");
                if (!to.matches("\\+[1-9][0-9]{6,14}")) {
                    throw new IllegalArgumentException("--traffic: " + file + " row " + (row.getRecordNumber() + 1)
                            + ": 'to' is not an E.164 number: '" + to + "'");
                }
                numbers.add(to);
                if (limit > 0 && numbers.size() >= limit) {
                    break;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("--traffic: cannot read " + file + ": " + e.getMessage());
        }
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("--traffic: " + file + " holds no voice calls");
        }
        return numbers;
    }
}
