package io.switchboard.config;

/**
 * A configuration key is unknown, has the wrong type or an out-of-range value, or a config file
 * cannot be read. The message names the key (or file) and fits on one line.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param key the dotted key path ({@code http.port}) or source ({@code --config}) at fault
     * @param problem what is wrong with it, e.g. {@code must be between 0 and 65535, got 99999}
     */
    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
    }
}
