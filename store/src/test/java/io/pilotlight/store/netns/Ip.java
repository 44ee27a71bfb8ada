package io.pilotlight.store.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The {@code ip} command (iproute2), run to completion; a failure names the command and what it printed. */
final class Ip {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/ip"), Path.of("/sbin/ip"), Path.of("/usr/bin/ip"), Path.of("/bin/ip"));
    private final Path binary;

    private Ip(Path binary) {
        this.binary = binary;
    }

    /** Finds {@code ip} and checks that this process is root; otherwise fails saying what is missing. */
    static Ip require() {
        Path binary = Stream.concat(CANDIDATES.stream(), Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                        .filter(p -> !p.isEmpty()).map(p -> Path.of(p, "ip")))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("the ip command (iproute2) is missing: network-namespace hosts need it."
                        + " Install it with: apt-get install -y iproute2"));
        long uid = uid();
        if (uid != 0) {
            throw new IllegalStateException("network-namespace hosts need root (this process runs as uid " + uid
                    + "): ip netns add and veth links are privileged. Run the test as root, as CI does");
        }
        return new Ip(binary);
    }

    private static long uid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]); // effective uid
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot tell this process's uid from /proc/self/status: " + e, e);
        }
        throw new IllegalStateException("no Uid: line in /proc/self/status");
    }

    Path binary() {
        return binary;
    }

    /** Runs {@code ip ARGS...}; returns its output; throws naming the command when it exits non-zero. */
    String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 30 s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
