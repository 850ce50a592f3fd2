package io.switchboard.sip.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The proxy's logger. */
final class Logs {

    static final Logger LOG = LoggerFactory.getLogger("io.switchboard.sip.proxy");

    private Logs() {
    }

    static void warn(String what, Throwable error) {
        LOG.warn("sip-edge: {}: {}", what, error.toString());
    }
}
