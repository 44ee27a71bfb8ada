package io.pilotlight.engine.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Short JDBC sessions: every connection has a connect timeout, a socket timeout and a statement
 * timeout, so a probe of a paused or cut-off server ends, and a probe on a standby never holds back
 * its replay for long (a long read on a hot standby delays replay).
 */
final class Sql {
    private Sql() {
    }

    static Connection connect(String jdbcUrl, Duration bound) throws SQLException {
        int seconds = (int) Math.max(1, (bound.toMillis() + 999) / 1000);
        Properties props = new Properties();
        props.setProperty("connectTimeout", Integer.toString(seconds));
        props.setProperty("loginTimeout", Integer.toString(seconds));
        props.setProperty("socketTimeout", Integer.toString(seconds + 1));
        props.setProperty("options", "-c statement_timeout=" + bound.toMillis());
        props.setProperty("ApplicationName", "pilotlight");
        props.setProperty("tcpKeepAlive", "true");
        ServerPassword.configured().ifPresent(password -> props.setProperty("password", password));
        PostgresTls.configured().ifPresent(tls -> tls.jdbc(props));
        return DriverManager.getConnection(jdbcUrl, props);
    }

    /** The first column of the first row, as text (null when SQL NULL or no row). */
    static String text(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    static void run(Connection c, String sql) throws SQLException {
        try (var statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    static String quote(String literal) {
        return "'" + literal.replace("'", "''") + "'";
    }
}
