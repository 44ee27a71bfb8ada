package io.pilotlight.engine.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One PostgreSQL 15 server Pilotlight runs: its folder ({@code data/}, {@code server.log}, the
 * socket), its port on 127.0.0.1, and the programs that set it up, start, stop, rewind and kill it.
 * A managed server trusts connections from 127.0.0.1 (it is for the lab, tests and one-machine use);
 * servers reached from other machines are attached, not managed.
 */
final class ManagedServer {
    static final String REPLICATION_USER = "pilotlight_repl";
    /** Written when the writer lease fenced this server: it never starts as a primary again on its own. */
    static final String FENCED_MARKER = "FENCED";

    private final String region;
    private final Path root;
    private final String host;
    private final int port;
    private final PgBinaries bin;

    ManagedServer(String region, Path root, int port, PgBinaries bin) {
        this(region, root, LOOPBACK, port, bin);
    }

    /** @param host the loopback address it listens on (the lab gives each region its own 127.x address) */
    ManagedServer(String region, Path root, String host, int port, PgBinaries bin) {
        this.region = region;
        this.root = root.toAbsolutePath().normalize();
        this.host = host;
        this.port = port;
        this.bin = bin;
    }

    static final String LOOPBACK = "127.0.0.1";

    String host() {
        return host;
    }

    String region() {
        return region;
    }

    Path root() {
        return root;
    }

    Path data() {
        return root.resolve("data");
    }

    int port() {
        return port;
    }

    /** A PostgreSQL program of the version this server runs. */
    String tool(String name) {
        return bin.tool(name);
    }

    String jdbcUrl() {
        return jdbcUrl(host, port);
    }

    static String jdbcUrl(int port) {
        return jdbcUrl(LOOPBACK, port);
    }

    static String jdbcUrl(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/postgres?user=postgres";
    }

    /** initdb as postgres, Pilotlight's settings, started, with the replication user. */
    void initPrimary() {
        prepareRoot();
        java.util.Optional<String> password = ServerPassword.configured();
        if (password.isEmpty()) {
            AsPostgres.run(List.of(bin.tool("initdb"), "-D", data().toString(), "-U", "postgres", "-A", "trust", "--no-locale", "-E", "UTF8",
                    "--no-sync"), 120);
        } else {
            Path pwfile = root.resolve("initdb-password");
            try {
                Files.writeString(pwfile, password.get() + "\n", StandardCharsets.UTF_8);
                AsPostgres.own(pwfile);
                AsPostgres.run(List.of(bin.tool("initdb"), "-D", data().toString(), "-U", "postgres", "--auth-local=peer",
                        "--auth-host=scram-sha-256", "--pwfile=" + pwfile, "--no-locale", "-E", "UTF8", "--no-sync"), 120);
            } catch (IOException e) {
                throw new PostgresSetupException(region + ": cannot write the password file for initdb: " + e.getMessage(), e);
            } finally {
                try {
                    Files.deleteIfExists(pwfile);
                } catch (IOException ignored) {
                    // inside the server's own folder, readable by postgres only
                }
            }
        }
        appendSettings();
        allowClients(password.isPresent());
        start();
    }

    /**
     * Creates the replication user on this (primary) server, with the servers' password when there is one.
     */
    void createReplicationUser() {
        try (java.sql.Connection c = Sql.connect(jdbcUrl(), java.time.Duration.ofSeconds(10))) {
            Sql.run(c, "create role " + REPLICATION_USER + " with replication login"
                    + ServerPassword.configured().map(p -> " password " + Sql.quote(p)).orElse(""));
        } catch (java.sql.SQLException e) {
            throw new PostgresSetupException(region + ": creating the replication user failed: " + e.getMessage(), e);
        }
    }

    /**
     * Without a password every loopback address may connect (the lab's regions and its links use 127.x addresses): such a
     * server is local only. With one (agents on several machines) any address may connect with it (scram-sha-256).
     */
    private void allowClients(boolean withPassword) {
        String host = PostgresTls.configured().isPresent() ? "hostssl" : "host"; // with certificates, TLS only beyond loopback
        String lines = withPassword
                ? "\n# Pilotlight: other regions' agents and servers connect with the servers' password\n"
                        + (host + " all all 0.0.0.0/0 scram-sha-256\n" + host + " replication all 0.0.0.0/0 scram-sha-256\n"
                        + host + " all all ::/0 scram-sha-256\n" + host + " replication all ::/0 scram-sha-256\n")
                : "\n# Pilotlight: the lab's regions and links connect from 127.x addresses\n"
                        + "host all all 127.0.0.0/8 trust\nhost replication all 127.0.0.0/8 trust\n";
        try {
            Files.writeString(data().resolve("pg_hba.conf"), lines, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new PostgresSetupException(region + ": cannot write pg_hba.conf: " + e.getMessage(), e);
        }
    }

    /** A standby of {@code primary}: pg_basebackup through a new replication slot named after this region, then started. */
    void initStandby(ManagedServer primary) {
        initStandby(new HostPort(primary.host, primary.port));
    }

    /** A standby of the primary reached at {@code primary} (directly, or through a lab link). */
    void initStandby(HostPort primary) {
        prepareRoot();
        AsPostgres.run(List.of(bin.tool("pg_basebackup"), "-h", primary.host(), "-p", Integer.toString(primary.port()), "-U", REPLICATION_USER,
                "-D", data().toString(), "-X", "stream", "-C", "-S", slotName(region), "--no-sync"), 300, toolEnvironment());
        appendSettings();
        follow(primary);
        start();
    }

    /** The replication slot a region's standby streams through, on whichever server is the primary. */
    static String slotName(String region) {
        return "pilotlight_" + region.toLowerCase().replaceAll("[^a-z0-9_]", "_");
    }

    private void prepareRoot() {
        AsPostgres.requireReachable(root);
        AsPostgres.requireNotRootOwned(root);
        if (Files.exists(data())) {
            throw new PostgresSetupException(region + ": " + data() + " already exists; a managed server is created in an empty folder");
        }
        requirePortFree();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new PostgresSetupException(region + ": cannot create " + root + ": " + e.getMessage(), e);
        }
        AsPostgres.own(root);
        installToolTls();
    }

    /** PostgreSQL's programs connecting elsewhere for this server use TLS as the engine does (see {@link PostgresTls}). */
    private Map<String, String> toolEnvironment() {
        return PostgresTls.configured().map(tls -> tls.toolEnvironment(root)).orElse(Map.of());
    }

    private void installToolTls() {
        try {
            if (PostgresTls.configured().isPresent()) {
                PostgresTls.configured().get().installForTools(root);
            }
        } catch (IOException e) {
            throw new PostgresSetupException(region + ": cannot copy the TLS CA bundle into " + root.resolve("tls") + ": " + e.getMessage(), e);
        }
    }

    /**
     * Pilotlight's settings, appended (the last value of a setting wins). {@code archive_mode} is on from the start because
     * turning it on needs a restart; until a backup points {@code archive_command} at a backup folder (ALTER SYSTEM, a
     * reload), {@code /bin/true} lets each finished segment go as it would without archiving.
     */
    private void appendSettings() {
        String settings = """

                # Pilotlight: managed server of region %s (the last value of a setting wins)
                listen_addresses = '%s'
                port = %d
                unix_socket_directories = '%s'
                shared_buffers = 16MB
                max_connections = 30
                wal_level = logical
                max_wal_senders = 10
                max_replication_slots = 10
                wal_keep_size = 64MB
                wal_log_hints = on
                hot_standby = on
                hot_standby_feedback = on
                max_standby_streaming_delay = 1s
                wal_receiver_status_interval = 1s
                wal_receiver_timeout = 10s
                wal_sender_timeout = 10s
                wal_retrieve_retry_interval = 1s
                logging_collector = off
                archive_mode = on
                archive_command = '/bin/true'
                """.formatted(region, host, port, root);
        java.util.Optional<PostgresTls> tls = PostgresTls.configured();
        if (tls.isPresent()) {
            settings += tls.get().settings();
        }
        try {
            if (tls.isPresent()) {
                tls.get().installForServer(data()); // again after pg_basebackup and pg_rewind, which copy the source's
            }
            Files.writeString(data().resolve("postgresql.conf"), settings, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new PostgresSetupException(region + ": cannot write postgresql.conf: " + e.getMessage(), e);
        }
    }

    /**
     * Makes this (stopped) server a standby of the primary reached at {@code primary}: standby.signal, primary_conninfo with
     * the region as application_name (pg_stat_replication's row), its slot, and no leftover read-only default.
     */
    void follow(HostPort primary) {
        Path auto = data().resolve("postgresql.auto.conf");
        try {
            List<String> kept = new ArrayList<>();
            if (Files.exists(auto)) {
                for (String line : Files.readAllLines(auto)) {
                    String key = line.strip().split("\\s*=", 2)[0];
                    if (!List.of("primary_conninfo", "primary_slot_name", "default_transaction_read_only").contains(key)) {
                        kept.add(line);
                    }
                }
            }
            kept.add("primary_conninfo = '" + conninfo(primary, region) + "'");
            kept.add("primary_slot_name = '" + slotName(region) + "'");
            Files.write(auto, kept);
            Files.writeString(data().resolve("standby.signal"), "");
            Files.deleteIfExists(root.resolve(FENCED_MARKER));
            deleteStaleSlots();
        } catch (IOException e) {
            throw new PostgresSetupException(region + ": cannot write its standby settings: " + e.getMessage(), e);
        }
        AsPostgres.own(data());
    }

    static String conninfo(HostPort primary, String applicationName) {
        return "host=" + primary.host() + " port=" + primary.port() + " user=" + REPLICATION_USER + " application_name=" + applicationName
                + ServerPassword.configured().map(p -> " password=" + p).orElse("")
                + PostgresTls.configured().map(PostgresTls::conninfo).orElse("");
    }

    /** Slots a former primary kept (its standbys', its ledger slot) mean nothing on a standby and would hold WAL. */
    private void deleteStaleSlots() throws IOException {
        Path slots = data().resolve("pg_replslot");
        if (!Files.isDirectory(slots)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(slots)) {
            List<Path> all = walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
            for (Path p : all) {
                if (!p.equals(slots)) {
                    Files.delete(p);
                }
            }
        }
    }

    void start() {
        requirePortFree();
        if (Files.exists(root.resolve(FENCED_MARKER)) && !Files.exists(data().resolve("standby.signal"))) {
            throw new PostgresSetupException(region + " was fenced when its writer lease lapsed: it is never started as a primary again;"
                    + " rejoin it as a standby of the current writer");
        }
        pgCtlStart(List.of());
    }

    /**
     * Starts a former primary where no client finds it (another port, every transaction read-only), to decode what it
     * committed before it is rewound.
     */
    void startPrivately(int privatePort) {
        pgCtlStart(List.of("-p " + privatePort + " -h " + LOOPBACK + " -c default_transaction_read_only=on"));
    }

    private void pgCtlStart(List<String> options) {
        removeStaleLockFiles();
        List<String> command = new ArrayList<>(List.of(bin.tool("pg_ctl"), "-D", data().toString(), "-l", root.resolve("server.log").toString(),
                "-w", "-t", "120"));
        for (String option : options) {
            command.add("-o");
            command.add(option);
        }
        command.add("start");
        try {
            AsPostgres.run(command, 130);
        } catch (PostgresSetupException e) {
            throw new PostgresSetupException(region + "'s server did not start: " + e.getMessage() + "\n" + logTail(), e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(root.resolve("server.log"));
            return "server.log: " + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no server.log)";
        }
    }

    /**
     * A killed postmaster whose new parent has not reaped it (a zombie: PID 1 in a container may reap late or never)
     * still answers kill(pid, 0), so PostgreSQL would refuse to start, taking its lock files (postmaster.pid and the
     * socket's .s.PGSQL.PORT.lock) for those of a running server. A zombie runs no code and holds no socket and no
     * shared memory: such a lock file is stale, and removing it is safe.
     */
    private void removeStaleLockFiles() {
        List<Path> lockFiles = new ArrayList<>(List.of(data().resolve("postmaster.pid")));
        try (var sockets = Files.newDirectoryStream(root, ".s.PGSQL.*.lock")) {
            sockets.forEach(lockFiles::add);
            for (Path lockFile : lockFiles) {
                List<String> lines = Files.exists(lockFile) ? Files.readAllLines(lockFile) : List.of();
                String owner = lines.isEmpty() ? "" : lines.get(0).strip().replace("-", ""); // postmaster.pid may hold -PID
                if (owner.matches("\\d{1,10}") && gone(Long.parseLong(owner))) {
                    Files.deleteIfExists(lockFile);
                }
            }
        } catch (IOException e) {
            throw new PostgresSetupException(region + ": cannot remove a stale lock file in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server: "fast" (clean: it sends its last WAL to the standbys) or "immediate". No-op when it is not running. */
    void stop(String mode) {
        if (pid().isEmpty()) {
            return;
        }
        try {
            AsPostgres.run(List.of(bin.tool("pg_ctl"), "-D", data().toString(), "-m", mode, "-w", "-t", "60", "stop"), 70);
        } catch (PostgresSetupException e) {
            if (pid().isPresent()) {
                throw e;
            }
        }
    }

    /** SIGKILL to the postmaster and every process under it: works on a paused (SIGSTOP) server too. */
    void kill() {
        pid().flatMap(ProcessHandle::of).ifPresent(postmaster -> {
            List<ProcessHandle> children = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            // not our child: onExit() would poll slowly; look every few milliseconds instead
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!gone(postmaster.pid())) {
                if (System.nanoTime() > deadline) {
                    throw new PostgresSetupException(region + ": its postmaster " + postmaster.pid() + " did not die after SIGKILL");
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    /**
     * The process has exited: no /proc entry, or a zombie (state Z) its new parent has not reaped yet, which can take a
     * second when PID 1 reaps slowly; a zombie runs no code and holds no socket.
     */
    static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            return state.equals("Z") || state.equals("X");
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }
    }

    /** Marks this server as fenced, then makes sure it takes nothing more: stopped at once, killed if it does not answer. */
    void fence() {
        try {
            Files.writeString(root.resolve(FENCED_MARKER), "fenced: its writer lease lapsed\n");
        } catch (IOException e) {
            // the kill below still fences it; the marker only keeps it from starting as a primary
        }
        kill();
    }

    boolean fenced() {
        return Files.exists(root.resolve(FENCED_MARKER));
    }

    /** Lets a fenced former primary start as a primary again: only under a lease taken at a new epoch (its keeper's reclaim). */
    void unfence() {
        try {
            Files.deleteIfExists(root.resolve(FENCED_MARKER));
        } catch (IOException e) {
            throw new PostgresSetupException(region + ": cannot remove " + root.resolve(FENCED_MARKER) + ": " + e.getMessage(), e);
        }
    }

    /** pg_rewind of this stopped server from the running server reached at {@code source}. */
    String rewindFrom(HostPort source) {
        removeStaleLockFiles(); // pg_rewind runs a crash recovery first when the server was killed
        installToolTls();
        String out = AsPostgres.run(List.of(bin.tool("pg_rewind"), "-D", data().toString(), "--source-server",
                "host=" + source.host() + " port=" + source.port() + " user=postgres dbname=postgres", "--no-sync"), 300, toolEnvironment());
        appendSettings(); // pg_rewind copied the source's configuration files: this server's port and socket again
        return out;
    }

    /** pg_basebackup of this running server into {@code target}: plain format, with the WAL that makes it consistent, a fast checkpoint. */
    void baseBackup(Path target) {
        AsPostgres.run(List.of(bin.tool("pg_basebackup"), "-h", host, "-p", Integer.toString(port), "-U", REPLICATION_USER, "-D",
                target.toString(), "-X", "stream", "--checkpoint=fast", "--label", "pilotlight " + region), 1800, toolEnvironment());
    }

    /**
     * Replaces this stopped server's data with a copy of the base backup {@code base} and makes it a standby that replays
     * every segment {@code restoreCommand} finds, on the latest timeline, without streaming from anyone: it stays in
     * recovery until promoted, so it takes writes only under the writer lease. A leftover data folder is moved aside to
     * {@code data.before-restore-<stamp>}, never deleted; returns it, or null when there was none.
     */
    Path restoreFrom(Path base, String restoreCommand, String stamp) {
        if (pid().isPresent()) {
            throw new PostgresSetupException(region + "'s server is still running (pid " + pid().get() + ", " + data() + "): restoring"
                    + " replaces its data; stop it first (pg_ctl -D " + data() + " stop), or restore into another region");
        }
        AsPostgres.requireReachable(root);
        AsPostgres.requireNotRootOwned(root);
        Path aside = null;
        try {
            Files.createDirectories(root);
            AsPostgres.own(root);
            if (Files.exists(data())) {
                aside = root.resolve("data.before-restore-" + stamp);
                Files.move(data(), aside);
            }
        } catch (IOException e) {
            throw new PostgresSetupException(region + ": cannot move the old data folder " + data() + " aside: " + e.getMessage(), e);
        }
        AsPostgres.run(List.of("cp", "-a", base.toString(), data().toString()), 1800);
        try {
            Path auto = data().resolve("postgresql.auto.conf");
            List<String> kept = new ArrayList<>();
            List<String> replaced = List.of("primary_conninfo", "primary_slot_name", "default_transaction_read_only", "restore_command",
                    "recovery_target_timeline", "synchronous_standby_names");
            for (String line : Files.exists(auto) ? Files.readAllLines(auto) : List.<String>of()) {
                if (!replaced.contains(line.strip().split("\\s*=", 2)[0])) {
                    kept.add(line);
                }
            }
            kept.add("restore_command = " + Sql.quote(restoreCommand));
            kept.add("recovery_target_timeline = 'latest'");
            Files.write(auto, kept);
            Files.deleteIfExists(data().resolve("recovery.signal"));
            Files.writeString(data().resolve("standby.signal"), "");
            Files.deleteIfExists(root.resolve(FENCED_MARKER));
        } catch (IOException e) {
            throw new PostgresSetupException(region + ": cannot write its recovery settings in " + data() + ": " + e.getMessage(), e);
        }
        appendSettings();
        AsPostgres.own(data());
        return aside;
    }

    /** The latest checkpoint's location in the control file (pg_controldata): after a clean stop, its shutdown checkpoint. */
    long latestCheckpoint() {
        String out = AsPostgres.run(List.of(bin.tool("pg_controldata"), "-D", data().toString()), 30);
        for (String line : out.split("\n")) {
            if (line.startsWith("Latest checkpoint location:")) {
                return Lsn.parse(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        throw new PostgresSetupException(region + ": pg_controldata shows no latest checkpoint location");
    }

    /** The postmaster's PID when it runs (postmaster.pid's first line, the process alive). */
    Optional<Long> pid() {
        Path pidFile = data().resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).strip());
            return gone(pid) ? Optional.empty() : Optional.of(pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void requirePortFree() {
        if (pid().isPresent()) {
            throw new PostgresSetupException(region + ": its server is already running (pid " + pid().get() + ")");
        }
        if (!portFree(host, port)) {
            throw new PostgresSetupException(region + ": port " + port + " on " + host + " is in use (another PostgreSQL or another program);"
                    + " give this region another port");
        }
    }

    static boolean portFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new PostgresSetupException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
