package io.switchboard.router.deck;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: fixture readers and a collecting read. */
final class DeckFixtures {

    private DeckFixtures() {
    }

    /** Everything one read produced. */
    record Result(List<DeckRow> rows, List<RowRejection> rejections, ReadSummary summary) {
        List<String> prefixes() {
            return rows.stream().map(DeckRow::prefix).toList();
        }

        List<String> messages() {
            return rejections.stream().map(RowRejection::message).toList();
        }

        DeckRow row(String prefix) {
            return rows.stream().filter(r -> r.prefix().equals(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for prefix " + prefix + " in " + prefixes()));
        }
    }

    static Reader resource(String name) {
        InputStream in = DeckFixtures.class.getResourceAsStream("/decks/" + name);
        if (in == null) {
            throw new AssertionError("missing test resource /decks/" + name);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    static Result read(Reader in, DeckLayout layout) {
        List<DeckRow> rows = new ArrayList<>();
        List<RowRejection> rejections = new ArrayList<>();
        try (in) {
            ReadSummary s = new DeckReader().read(in, layout, rows::add, rejections::add);
            return new Result(rows, rejections, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result read(String name, DeckLayout layout) {
        return read(resource(name), layout);
    }

    static Result readText(String text, DeckLayout layout) {
        return read(new StringReader(text), layout);
    }

    static final String AZ_HEADER =
            "prefix,destination,rate_per_min,connect_fee,initial_increment_s,next_increment_s,effective_from,effective_until,currency";
}
