package io.pilotlight.cli;

import java.util.ArrayList;
import java.util.List;

/** Command lines that start another process on this JVM's binary and class path (children of the lab, instances, store nodes). */
final class SelfLaunch {
    private SelfLaunch() {
    }

    static List<String> java(String mainClass) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) { // as bin/pilotlight: the etcd client's protobuf would warn on stderr otherwise
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        return command;
    }

    /** {@code pilotlight ARGS...} as a child process. */
    static List<String> pilotlight(List<String> args) {
        List<String> command = java(PilotlightCommand.class.getName());
        command.addAll(args);
        return command;
    }
}
