import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A latency-only TCP proxy for the store benchmark: every byte is delivered a fixed delay after it
 * was read, in each direction, in order. Reading never waits for the delay (a reader thread stamps
 * chunks, a writer thread releases them when due), so the proxy adds latency without serialising
 * throughput: a 20 ms one-way delay gives a 40 ms round trip whatever the load.
 *
 * <pre>java LatencyProxy.java DELAY_MS LISTEN_HOST:PORT=TARGET_HOST:PORT [more routes...]</pre>
 */
public final class LatencyProxy {
    private record Chunk(byte[] bytes, int length, long dueNanos) {
        static final Chunk EOF = new Chunk(null, 0, 0);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java LatencyProxy.java DELAY_MS LISTEN_HOST:PORT=TARGET_HOST:PORT [...]");
            System.exit(2);
        }
        long delayNanos = Long.parseLong(args[0]) * 1_000_000L;
        List<Thread> acceptors = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] route = args[i].split("=", 2);
            InetSocketAddress listen = address(route[0]);
            InetSocketAddress target = address(route[1]);
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(listen, 128);
            System.out.println("latency-proxy: " + listen + " -> " + target + ", " + args[0] + " ms each way");
            acceptors.add(Thread.ofPlatform().name("accept-" + listen).start(() -> accept(server, target, delayNanos)));
        }
        System.out.flush();
        for (Thread t : acceptors) {
            try {
                t.join();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static void accept(ServerSocket server, InetSocketAddress target, long delayNanos) {
        while (true) {
            try {
                Socket client = server.accept();
                Thread.ofPlatform().daemon().start(() -> connect(client, target, delayNanos));
            } catch (IOException e) {
                System.err.println("latency-proxy: accept failed: " + e.getMessage());
                return;
            }
        }
    }

    private static void connect(Socket client, InetSocketAddress target, long delayNanos) {
        Socket upstream = new Socket();
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            upstream.connect(target, 2_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        pipe(client, upstream, delayNanos);
        pipe(upstream, client, delayNanos);
    }

    /** One direction: a reader that stamps chunks and a writer that releases them when due. */
    private static void pipe(Socket from, Socket to, long delayNanos) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                InputStream in = from.getInputStream();
                while (true) {
                    byte[] buffer = new byte[64 * 1024];
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    queue.add(new Chunk(buffer, n, System.nanoTime() + delayNanos));
                }
            } catch (IOException ignored) {
                // the connection is gone: pass the end on
            }
            queue.add(Chunk.EOF);
        });
        Thread.ofPlatform().daemon().start(() -> {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk chunk = queue.take();
                    if (chunk == Chunk.EOF) {
                        LockSupport.parkNanos(delayNanos);
                        to.shutdownOutput();
                        break;
                    }
                    long wait;
                    while ((wait = chunk.dueNanos() - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    out.write(chunk.bytes(), 0, chunk.length());
                }
            } catch (IOException | InterruptedException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
