package io.switchboard.carrier.config;

import java.util.regex.Pattern;

/**
 * Recognizes names of secrets ({@code auth_token}, {@code api-key}, {@code private_key},
 * {@code password}, {@code webhook_secret}), so that a secret written among a carrier's plain
 * settings, in the configuration or in PostgreSQL, stops the start instead of sitting in clear.
 */
public final class SecretNames {

    private static final Pattern SECRET = Pattern.compile("(?i).*(secret|token|password|passwd|private[_-]?key|api[_-]?key).*");

    private SecretNames() {
    }

    /** @return whether {@code name} names a secret */
    public static boolean isSecret(String name) {
        return SECRET.matcher(name).matches();
    }
}
