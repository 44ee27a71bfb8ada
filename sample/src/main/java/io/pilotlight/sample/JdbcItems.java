package io.pilotlight.sample;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Items in PostgreSQL, as a user's service would keep them: written through a pgJDBC multi-host URL that finds the
 * primary by itself ({@code targetServerType=primary}: after a failover the next connection lands on the new primary),
 * read from this region's own server. Items are rows of {@value #TABLE} with the key {@code item/ID}, the table the
 * engine reads back and decodes into the lost-transactions ledger.
 */
public final class JdbcItems implements Items {
    static final String TABLE = "pilotlight_probe";
    /** The managed servers' password, as the agent that started this instance has it. */
    static final String PASSWORD_ENV = "PILOTLIGHT_POSTGRES_PASSWORD";
    private static final java.util.Properties CONNECTION_PROPERTIES = connectionProperties(System.getenv());
    /** Client settings a failover needs: short connect and socket timeouts, and a quick recheck of which host is primary. */
    private static final String CLIENT_SETTINGS = "connectTimeout=1&socketTimeout=5&loginTimeout=3&hostRecheckSeconds=1";

    private final String primaryUrl;
    private final String localUrl;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean tableReady;

    /** @param primaryUrl a multi-host URL with targetServerType=primary ({@link #primaryUrl}); @param localUrl this region's server */
    public JdbcItems(String primaryUrl, String localUrl) {
        this.primaryUrl = primaryUrl;
        this.localUrl = localUrl;
    }

    /** {@code jdbc:postgresql://h1:p1,h2:p2/postgres?user=postgres&targetServerType=primary&...}: writes follow the primary. */
    public static String primaryUrl(List<String> hostPorts) {
        return "jdbc:postgresql://" + String.join(",", hostPorts) + "/postgres?user=postgres&targetServerType=primary&" + CLIENT_SETTINGS;
    }

    /** One server, whatever its role. */
    public static String serverUrl(String hostPort) {
        return "jdbc:postgresql://" + hostPort + "/postgres?user=postgres&" + CLIENT_SETTINGS;
    }

    @Override
    public String put(String id, String value) throws Unavailable {
        SQLException last = null;
        for (int attempt = 0; attempt < 2; attempt++) { // a pooled connection to a server that stopped being the primary: once more
            Connection c = null;
            try {
                c = borrow();
                if (!tableReady) {
                    try (Statement s = c.createStatement()) {
                        s.execute("create table if not exists " + TABLE + " (key text primary key, value text)");
                    }
                    tableReady = true;
                }
                String lsn;
                String server;
                try (PreparedStatement s = c.prepareStatement("insert into " + TABLE + " (key, value) values (?, ?)"
                        + " on conflict (key) do update set value = excluded.value"
                        + " returning pg_current_wal_lsn()::text, host(inet_server_addr()) || ':' || inet_server_port()")) {
                    s.setString(1, "item/" + id);
                    s.setString(2, value);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        lsn = r.getString(1);
                        server = r.getString(2);
                    }
                }
                idle.add(c);
                return "\"lsn\":\"" + lsn + "\",\"server\":\"" + server + "\"";
            } catch (SQLException e) {
                last = e;
                discard(c);
            }
        }
        throw new Unavailable("PostgreSQL did not take the write: " + last.getMessage(), last);
    }

    @Override
    public Optional<String> get(String id) throws Unavailable {
        try (Connection c = connect(localUrl);
             PreparedStatement s = c.prepareStatement("select value from " + TABLE + " where key = ?")) {
            s.setString(1, "item/" + id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return Optional.empty(); // nothing was ever written
            }
            throw new Unavailable("this region's PostgreSQL does not answer: " + e.getMessage(), e);
        }
    }

    /**
     * Healthy while this region's server answers: a standby (it follows the writer) or a writable primary. A primary made
     * read-only (being handed over, or fenced) is not, nor a server that does not answer (fenced when its lease lapsed).
     */
    @Override
    public String problem() {
        try (Connection c = connect(localUrl); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select pg_is_in_recovery(), current_setting('default_transaction_read_only')")) {
            r.next();
            return !r.getBoolean(1) && "on".equals(r.getString(2)) ? "the region's PostgreSQL primary is read-only (handed over or fenced)" : null;
        } catch (SQLException e) {
            return "the region's PostgreSQL does not answer (" + e.getMessage() + ")";
        }
    }

    private Connection borrow() throws SQLException {
        Connection pooled = idle.poll();
        return pooled != null ? pooled : connect(primaryUrl);
    }

    /** With {@value #PASSWORD_ENV} set (servers that take connections beyond loopback), every connection gives it. */
    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, CONNECTION_PROPERTIES);
    }

    /** The password and TLS settings from this instance's environment, read once (the agent that started it set them). */
    private static java.util.Properties connectionProperties(java.util.Map<String, String> env) {
        java.util.Properties props = new java.util.Properties();
        String password = env.get(PASSWORD_ENV);
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        String certificate = env.get("PILOTLIGHT_TLS_CERT"); // the agent's servers serve TLS with the agent's files
        if (certificate != null && !certificate.isEmpty()) {
            String ca = env.get("PILOTLIGHT_TLS_CA");
            props.setProperty("ssl", "true");
            props.setProperty("sslmode", ca == null || ca.isEmpty() ? "require" : "verify-full");
            if (ca != null && !ca.isEmpty()) {
                props.setProperty("sslrootcert", ca);
            }
        }
        return props;
    }

    private static void discard(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // it is gone either way
            }
        }
    }

    @Override
    public void close() {
        Connection c;
        while ((c = idle.poll()) != null) {
            discard(c);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL (" + primaryUrl.replaceAll("\\?.*", "") + ")";
    }
}
