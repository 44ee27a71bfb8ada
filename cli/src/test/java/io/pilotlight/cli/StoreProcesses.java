package io.pilotlight.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A coordinator and one store node per region, each a real `pilotlight` process on its own loopback address. */
final class StoreProcesses implements AutoCloseable {
    final Map<String, String> urls = new LinkedHashMap<>();
    final Map<String, Process> nodes = new LinkedHashMap<>();
    private final Map<String, String> listens = new LinkedHashMap<>();
    private final Path dir;
    private final String coordinatorUrl;
    private final Process coordinator;
    private final String lease;

    StoreProcesses(Path dir, List<String> regions, String lease) throws Exception {
        this.dir = dir;
        this.lease = lease;
        int coordinatorPort = freePort();
        coordinatorUrl = "http://127.0.0.1:" + coordinatorPort;
        coordinator = launch("store", "coordinator", "--listen", "127.0.0.1:" + coordinatorPort,
                "--state", dir.resolve("coordinator.json").toString());
        int octet = 1;
        for (String region : regions) {
            String ip = "127.0." + (octet++) + ".1";
            int port = freePort();
            listens.put(region, ip + ":" + port);
            urls.put(region, "http://" + ip + ":" + port);
        }
        try {
            for (String region : regions) {
                start(region);
            }
        } catch (Exception | AssertionError failed) {
            close(); // a cluster that did not start must not leave its coordinator and first nodes running
            throw failed;
        }
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port nothing listens on, below the kernel's ephemeral range (32768 and up): a port the kernel hands out for
     * ServerSocket(0) is also what it gives the next outgoing connection, and a lab's clients bound to a region's address
     * then took the port its PostgreSQL server was about to listen on there ("port ... in use", seen in a full run).
     */
    static int freePort() throws Exception {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (java.io.IOException inUse) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    List<String> peerArgs() {
        List<String> args = new ArrayList<>();
        urls.forEach((region, url) -> {
            args.add("--peer");
            args.add(region + "=" + url);
        });
        return args;
    }

    void start(String region) throws Exception {
        List<String> args = new ArrayList<>(List.of("store", "serve", "--region", region, "--data", dir.resolve(region).toString(),
                "--listen", listens.get(region), "--coordinator", coordinatorUrl, "--initial-writer", urls.keySet().iterator().next(),
                "--lease", lease, "--auto-failover"));
        args.addAll(peerArgs());
        nodes.put(region, launch(args.toArray(String[]::new)));
    }

    private static Process launch(String... args) throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), PilotlightCommand.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = output.readLine();
        for (int skipped = 0; first != null && !first.contains("serving") && skipped < 50; skipped++) {
            first = output.readLine(); // the node's decision log may come before its start-up line
        }
        if (first == null || !first.contains("serving")) {
            process.destroyForcibly();
            throw new IllegalStateException("pilotlight " + String.join(" ", args) + " did not start: " + first);
        }
        Thread.ofVirtual().start(() -> {
            try {
                process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException ignored) {
                // process ended
            }
        });
        return process;
    }

    void kill9(String region) throws Exception {
        Process process = nodes.remove(region);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void signal(String region, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(nodes.get(region).pid())).start().waitFor();
    }

    @Override
    public void close() {
        nodes.values().forEach(Process::destroyForcibly);
        coordinator.destroyForcibly();
    }
}
