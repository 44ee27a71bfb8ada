package io.pilotlight.engine.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs PostgreSQL's programs as the {@code postgres} user (initdb, pg_basebackup and pg_rewind refuse
 * root) and gives it the files they need. When this JVM is not root, programs run as its own user.
 */
final class AsPostgres {
    static final String USER = "postgres";

    private AsPostgres() {
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs {@code command} and returns its output; a non-zero exit is a {@link PostgresSetupException} with the output's tail. */
    static String run(List<String> command, long timeoutSeconds) {
        return run(command, timeoutSeconds, java.util.Map.of());
    }

    /** As {@link #run(List, long)}, with extra environment variables (kept by runuser). */
    static String run(List<String> command, long timeoutSeconds, java.util.Map<String, String> env) {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(command);
        try {
            Path out = Files.createTempFile("pilotlight-pg-", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile())
                        .directory(Path.of("/").toFile());
                ServerPassword.configured().ifPresent(password -> builder.environment().put("PGPASSWORD", password)); // runuser keeps it
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new PostgresSetupException(String.join(" ", command) + " did not finish within " + timeoutSeconds + "s");
                }
                String output = Files.readString(out, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new PostgresSetupException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + tail(output));
                }
                return output;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new PostgresSetupException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostgresSetupException("interrupted while running " + command.get(0), e);
        }
    }

    /** Makes {@code path} (and everything under it) belong to the postgres user, when we are root. */
    static void own(Path path) {
        if (!root()) {
            return;
        }
        try {
            UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(USER);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(USER);
            try (Stream<Path> all = Files.walk(path)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                    view.setOwner(user);
                    view.setGroup(group);
                }
            }
        } catch (IOException e) {
            throw new PostgresSetupException("cannot give " + path + " to the postgres user: " + e.getMessage(), e);
        }
    }

    /** A directory PostgreSQL will run in must not belong to root: PostgreSQL refuses to run as root. */
    static void requireNotRootOwned(Path dir) {
        try {
            if (root() && Files.exists(dir) && Files.getOwner(dir).getName().equals("root")) {
                throw new PostgresSetupException("the data directory " + dir + " is owned by root; PostgreSQL refuses to run as root:"
                        + " chown -R postgres:postgres " + dir + ", or give Pilotlight a path that does not exist yet");
            }
        } catch (IOException e) {
            throw new PostgresSetupException("cannot read the owner of " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String tail(String output) {
        String trimmed = output.strip();
        return trimmed.length() <= 1500 ? trimmed : "..." + trimmed.substring(trimmed.length() - 1500);
    }

    /** Run as root, the servers run as postgres: every folder down to {@code folder} must let postgres through (o+x). */
    static void requireReachable(Path folder) {
        if (!root()) {
            return;
        }
        Path existing = folder;
        while (existing != null && !java.nio.file.Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        try {
            run(List.of("test", "-x", existing.toString()), 10);
        } catch (PostgresSetupException e) {
            throw new PostgresSetupException("the postgres user cannot reach " + existing + " (every folder above " + folder
                    + " needs o+x): chmod o+x the folders, or choose another folder (for the lab: another --state-dir)", e);
        }
    }
}
