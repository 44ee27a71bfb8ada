package io.pilotlight.store.netns;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small program run inside a host (with this JVM and class path) to look at the network from
 * there, since the test's own JVM lives in the root namespace and cannot reach the hosts:
 * <ul>
 *   <li>{@code listen PORT}: accepts connections on every address and answers each with {@code pong};</li>
 *   <li>{@code connect HOST PORT TIMEOUT_MS}: exit 0 when it got {@code pong}, 1 otherwise (the reason printed);</li>
 *   <li>{@code http METHOD URL TIMEOUT_MS [BODY]}: prints the status and body; exit 0 on 2xx;</li>
 *   <li>{@code await URL TEXT TIMEOUT_MS}: GETs URL until a 2xx body contains TEXT; exit 0 then, 1 at the timeout;</li>
 *   <li>{@code relay SOCKET_PATH HOST PORT}: accepts on a Unix socket and connects each connection on to HOST:PORT
 *       (the far end of {@link NetnsForward}).</li>
 * </ul>
 */
public final class NetnsProbe {
    private NetnsProbe() {
    }

    /** The command that runs the probe with {@code args} on this JVM and class path. */
    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"), NetnsProbe.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    public static void main(String[] args) throws Exception {
        int code = switch (args.length == 0 ? "" : args[0]) {
            case "listen" -> listen(Integer.parseInt(args[1]));
            case "connect" -> connect(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "http" -> http(args[1], args[2], Integer.parseInt(args[3]), args.length > 4 ? args[4] : null);
            case "await" -> await(args[1], args[2], Integer.parseInt(args[3]));
            case "relay" -> relay(Path.of(args[1]), args[2], Integer.parseInt(args[3]));
            default -> {
                System.out.println("usage: listen PORT | connect HOST PORT TIMEOUT_MS | http METHOD URL TIMEOUT_MS [BODY] | await URL TEXT TIMEOUT_MS");
                yield 2;
            }
        };
        System.out.flush();
        System.exit(code);
    }

    private static int listen(int port) throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(port));
            System.out.println("listening on " + port);
            while (true) {
                try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
                    out.write("pong\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
    }

    private static int connect(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            System.out.println("answer: " + line);
            return "pong".equals(line) ? 0 : 1;
        } catch (Exception e) {
            System.out.println("no connection to " + host + ":" + port + ": " + e);
            return 1;
        }
    }

    private static int http(String method, String url, int timeoutMillis, String body) {
        try {
            HttpResponse<String> response = send(method, url, timeoutMillis, body);
            System.out.println(response.statusCode());
            System.out.println(response.body());
            return response.statusCode() / 100 == 2 ? 0 : 1;
        } catch (Exception e) {
            System.out.println("no answer from " + url + ": " + e);
            return 1;
        }
    }

    private static int await(String url, String text, int timeoutMillis) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMillis(timeoutMillis).toNanos();
        String last = "nothing yet";
        while (System.nanoTime() < until) {
            try {
                HttpResponse<String> response = send("GET", url, 1000, null);
                if (response.statusCode() / 100 == 2 && response.body().contains(text)) {
                    System.out.println(response.body());
                    return 0;
                }
                last = response.statusCode() + " " + response.body();
            } catch (Exception e) {
                last = e.toString();
            }
            Thread.sleep(50);
        }
        System.out.println(url + " did not answer with " + text + " within " + timeoutMillis + " ms; last: " + last);
        return 1;
    }

    private static int relay(Path path, String host, int port) throws Exception {
        java.nio.file.Files.deleteIfExists(path);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            System.out.println("relaying " + path + " to " + host + ":" + port);
            while (true) {
                SocketChannel unix = server.accept();
                Thread.ofVirtual().start(() -> {
                    try (unix; SocketChannel target = SocketChannel.open()) {
                        target.socket().connect(new InetSocketAddress(host, port), 2000);
                        target.socket().setTcpNoDelay(true);
                        NetnsForward.bridge(unix, target);
                    } catch (Exception e) {
                        System.out.println("relay to " + host + ":" + port + ": " + e);
                    }
                });
            }
        }
    }

    private static HttpResponse<String> send(String method, String url, int timeoutMillis, String body) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(timeoutMillis)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(timeoutMillis))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
