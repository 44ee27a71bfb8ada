package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Starts a long-running `pilotlight` command as its own process (this test's class path) and waits for its "serving" line. */
final class CliLaunch {
    private CliLaunch() {
    }

    /** @param log where every later line of its output goes; null to drop them */
    static Process start(List<String> log, String... args) throws Exception {
        return start(log, java.util.Map.of(), args);
    }

    /** With extra environment variables. */
    static Process start(List<String> log, java.util.Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), PilotlightCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> before = new ArrayList<>();
        String first = lines.readLine();
        for (int skipped = 0; first != null && !first.contains("serving") && skipped < 100; skipped++) {
            before.add(first);
            first = lines.readLine(); // log lines (e.g. health events on stderr) may come first
        }
        if (log != null) {
            log.addAll(before);
        }
        assertThat(first).as(String.join(" ", args) + "\n" + String.join("\n", before)).contains("serving");
        Thread.ofVirtual().start(() -> lines.lines().forEach(line -> {
            if (log != null) {
                log.add(line);
            }
        }));
        return process;
    }
}
