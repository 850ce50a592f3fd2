package io.switchboard.contract.model;

import java.util.Locale;

/** Lower-case snake wire names of the model's enums ({@code NO_ANSWER} is {@code "no_answer"}). */
final class WireNames {

    private WireNames() {
    }

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException if {@code wire} is null or names no constant (either case)
     */
    static <E extends Enum<E>> E parse(Class<E> type, String wire) {
        if (wire != null) {
            try {
                return Enum.valueOf(type, wire.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ignored) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + ": '" + wire + "'");
    }
}
