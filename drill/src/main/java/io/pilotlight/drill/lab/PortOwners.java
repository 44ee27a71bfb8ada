package io.pilotlight.drill.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Who listens on an address, read from Linux's {@code /proc/net/{tcp,udp}} and each process's open
 * sockets: a lab must not start while anything else serves on its addresses (a stray instance
 * sharing a port through SO_REUSEPORT would answer for the lab and falsify a drill), and the
 * refusal names the process. Elsewhere than Linux it finds nothing.
 */
public final class PortOwners {
    /** A socket bound on one of the wanted addresses, and its process when it could be found. */
    public record Listener(String protocol, InetSocketAddress address, long pid, String command) {
        public String describe() {
            return protocol + " " + address.getHostString() + ":" + address.getPort() + " is taken by "
                    + (pid > 0 ? "pid " + pid + " (" + command + ")" : "a process this user cannot see");
        }
    }

    private PortOwners() {
    }

    /** The sockets listening (TCP) or bound (UDP) on any of the addresses, or on the wildcard address with their port. */
    public static List<Listener> on(Collection<InetSocketAddress> wanted) {
        List<Listener> found = new ArrayList<>();
        Map<Long, Long> owners = null;
        for (String protocol : List.of("tcp", "udp", "tcp6", "udp6")) {
            for (String[] socket : sockets(protocol)) {
                InetSocketAddress bound = parse(socket[1]);
                if (bound == null || !matches(bound, wanted)) {
                    continue;
                }
                if (owners == null) {
                    owners = socketOwners();
                }
                long inode = Long.parseLong(socket[9]);
                long pid = owners.getOrDefault(inode, -1L);
                found.add(new Listener(protocol.replace("6", "").toUpperCase(), bound, pid, pid > 0 ? command(pid) : ""));
            }
        }
        return found;
    }

    private static boolean matches(InetSocketAddress bound, Collection<InetSocketAddress> wanted) {
        for (InetSocketAddress address : wanted) {
            if (address.getPort() == bound.getPort()
                    && (bound.getAddress().isAnyLocalAddress() || bound.getAddress().equals(address.getAddress()))) {
                return true;
            }
        }
        return false;
    }

    /** Rows of /proc/net/PROTOCOL (tcp, udp, tcp6, udp6) that listen (TCP state 0A) or are bound (UDP state 07). */
    private static List<String[]> sockets(String protocol) {
        List<String[]> rows = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/" + protocol));
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String state = fields.length > 3 ? fields[3] : "";
                if (fields.length > 9 && (protocol.startsWith("tcp") ? state.equals("0A") : state.equals("07"))) {
                    rows.add(fields);
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // nothing to read: nothing found
        }
        return rows;
    }

    /**
     * "0101007F:1F40" (IPv4) or 32 hex digits (IPv6, e.g. a Java socket's IPv4-mapped
     * ::ffff:127.0.1.1), each 32-bit word in host (little-endian) order, then the hex port.
     */
    static InetSocketAddress parse(String hex) {
        try {
            String[] parts = hex.split(":");
            byte[] bytes = new byte[parts[0].length() / 2];
            for (int word = 0; word < bytes.length / 4; word++) {
                long value = Long.parseLong(parts[0].substring(word * 8, word * 8 + 8), 16);
                for (int b = 0; b < 4; b++) {
                    bytes[word * 4 + b] = (byte) (value >> (8 * b));
                }
            }
            return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(parts[1], 16));
        } catch (IOException | RuntimeException notIpv4) {
            return null;
        }
    }

    /** Socket inode to pid, from every process's /proc/PID/fd links ("socket:[INODE]"). */
    private static Map<Long, Long> socketOwners() {
        Map<Long, Long> owners = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
                    for (Path fd : fds.toList()) {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            owners.put(Long.parseLong(target.substring(8, target.length() - 1)), Long.parseLong(process.getFileName().toString()));
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended, or is not ours to look at
                }
            }
        } catch (IOException notLinux) {
            // nothing to map
        }
        return owners;
    }

    private static String command(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).map(c -> c.replaceAll("\\s+", " "))
                .map(c -> c.length() > 160 ? c.substring(0, 160) + "..." : c)
                .orElse("?");
    }
}
