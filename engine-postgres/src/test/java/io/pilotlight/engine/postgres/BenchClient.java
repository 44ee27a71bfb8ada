package io.pilotlight.engine.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The benchmark's client: one autocommit INSERT at a time, a few ms apart, through pgJDBC's multi-host URL with
 * {@code targetServerType=primary} (what an application following the writer does), reconnecting on any error. It
 * notes when each insert was acknowledged (System.nanoTime) and the key it was sending when an error came.
 */
final class BenchClient implements AutoCloseable {
    /** An acknowledged insert: its key, when (System.nanoTime) and the port of the server that committed it. */
    record Ack(String key, long at, int port) {
    }

    private final String url;
    private final String prefix;
    private final long paceMs;
    private final List<Ack> acks = new ArrayList<>();
    private final List<String> unacknowledged = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    BenchClient(String url, String prefix, long paceMs) {
        this.url = url;
        this.prefix = prefix;
        this.paceMs = paceMs;
        this.thread = Thread.ofPlatform().name("bench-client").start(this::loop);
    }

    private void loop() {
        Properties props = new Properties();
        props.setProperty("connectTimeout", "1");
        props.setProperty("loginTimeout", "2");
        props.setProperty("socketTimeout", "5");
        props.setProperty("targetServerType", "primary");
        int i = 0;
        Connection c = null;
        while (running) {
            String key = prefix + "-" + i;
            try {
                if (c == null) {
                    c = DriverManager.getConnection(url, props);
                    try (var s = c.createStatement()) {
                        s.execute("create table if not exists bench (key text primary key, at timestamptz default now())");
                    }
                }
                int port;
                try (PreparedStatement s = c.prepareStatement("insert into bench (key) values (?) returning inet_server_port()")) {
                    s.setString(1, key);
                    try (var r = s.executeQuery()) {
                        r.next();
                        port = r.getInt(1);
                    }
                }
                synchronized (this) {
                    acks.add(new Ack(key, System.nanoTime(), port));
                }
                i++;
            } catch (SQLException e) {
                if (c != null) {
                    synchronized (this) {
                        unacknowledged.add(key); // sent, perhaps committed, never acknowledged
                    }
                    i++;
                    try {
                        c.close();
                    } catch (SQLException ignored) {
                        // broken already
                    }
                    c = null;
                }
            }
            sleep(paceMs);
        }
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized List<Ack> acks() {
        return List.copyOf(acks);
    }

    synchronized List<String> unacknowledged() {
        return List.copyOf(unacknowledged);
    }

    /** The first acknowledgement after {@code nanos} by the server on {@code port}, or -1. */
    synchronized long firstAckAfter(long nanos, int port) {
        for (Ack a : acks) {
            if (a.at() > nanos && a.port() == port) {
                return a.at();
            }
        }
        return -1;
    }

    /** The longest time between two acknowledgements that ends after {@code from} (ns). */
    synchronized long longestGapEndingAfter(long from) {
        long longest = 0;
        for (int i = 1; i < acks.size(); i++) {
            if (acks.get(i).at() > from) {
                longest = Math.max(longest, acks.get(i).at() - acks.get(i - 1).at());
            }
        }
        return longest;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
