package io.pilotlight.cli;

import java.util.ArrayList;
import java.util.List;

/** Command lines that start another process on this JVM's binary and class path (children of the lab, instances, store nodes). */
final class SelfLaunch {
    private SelfLaunch() {
    }

    static List<String> java(String mainClass) {
        return new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), mainClass));
    }

    /** {@code pilotlight ARGS...} as a child process. */
    static List<String> pilotlight(List<String> args) {
        List<String> command = java(PilotlightCommand.class.getName());
        command.addAll(args);
        return command;
    }
}
