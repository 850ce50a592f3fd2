package io.switchboard.node;

/** The running Switchboard version, from the fat jar's manifest ({@code Implementation-Version}). */
public final class Version {

    private Version() {
    }

    /** @return e.g. {@code 0.1.0-SNAPSHOT}, or {@code dev} when not run from the jar */
    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
