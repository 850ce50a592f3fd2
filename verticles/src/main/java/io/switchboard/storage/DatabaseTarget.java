package io.switchboard.storage;

import io.vertx.pgclient.PgConnectOptions;

/**
 * Where a node's PostgreSQL is: enough to open a vertx-pg-client pool and a JDBC connection
 * (Flyway).
 *
 * @param host host name or address
 * @param port TCP port
 * @param database database name
 * @param user user name
 * @param password password (may be empty, e.g. for the embedded database's trust auth)
 * @param embedded whether this is the embedded PostgreSQL of the cluster
 */
public record DatabaseTarget(String host, int port, String database, String user, String password,
                             boolean embedded) {

    /**
     * @param url a libpq URI, {@code postgresql://user:pass@host:5432/db}
     * @param user user when the URI has none (may be empty)
     * @param password password when the URI has none (may be empty)
     * @return the target
     * @throws IllegalArgumentException when the URI cannot be parsed
     */
    public static DatabaseTarget fromUrl(String url, String user, String password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        // fromUri leaves its defaults ("user", "pass") when the URI has no user or password: only
        // what the URI itself names wins over database.user / database.password.
        String userInfo = userInfo(url);
        boolean uriUser = userInfo != null && !userInfo.isEmpty() && userInfo.charAt(0) != ':';
        boolean uriPassword = userInfo != null && userInfo.indexOf(':') >= 0 && userInfo.indexOf(':') < userInfo.length() - 1;
        String u = uriUser ? options.getUser() : user;
        String p = uriPassword ? options.getPassword() : password;
        return new DatabaseTarget(options.getHost(), options.getPort(), options.getDatabase(), u, p, false);
    }

    private static String userInfo(String url) {
        int scheme = url.indexOf("://");
        String rest = scheme < 0 ? url : url.substring(scheme + 3);
        int end = rest.indexOf('/');
        String authority = end < 0 ? rest : rest.substring(0, end);
        int at = authority.lastIndexOf('@');
        return at < 0 ? null : authority.substring(0, at);
    }

    /** @return connect options for vertx-pg-client */
    public PgConnectOptions connectOptions() {
        return new PgConnectOptions().setHost(host).setPort(port).setDatabase(database)
                .setUser(user).setPassword(password);
    }

    /** @return the JDBC URL of this database (for Flyway), without credentials */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** @return a libpq URI without the password, for logs and cluster-wide publication */
    public String describe() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database + (embedded ? " (embedded)" : "");
    }
}
