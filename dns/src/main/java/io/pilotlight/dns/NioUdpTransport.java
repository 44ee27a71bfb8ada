package io.pilotlight.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * UDP through the JDK's DatagramChannel, one system call per packet: the fallback where recvmmsg
 * cannot run. Several sockets bound to the same address with SO_REUSEPORT, one blocking thread each, so
 * the kernel spreads queries over the threads without a lock between them.
 */
final class NioUdpTransport implements UdpTransport {
    private static final int MAX_DATAGRAM = 65_535;

    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final QueryProcessor processor;
    private final InetSocketAddress address;
    private final String note;
    private final ThreadCounters counters;

    /** @param note appended to the description, e.g. why recvmmsg is not used */
    NioUdpTransport(InetSocketAddress listen, int threadCount, QueryProcessor processor, String note) throws IOException {
        this.processor = processor;
        this.note = note;
        DatagramChannel first = open(listen, threadCount > 1);
        this.address = (InetSocketAddress) first.getLocalAddress();
        channels.add(first);
        for (int i = 1; i < threadCount; i++) {
            try {
                channels.add(open(address, true));
            } catch (IOException | UnsupportedOperationException noReusePort) {
                break; // one socket still serves; only slower
            }
        }
        counters = new ThreadCounters(channels.size());
        for (int i = 0; i < channels.size(); i++) {
            DatagramChannel channel = channels.get(i);
            int index = i;
            Thread thread = Thread.ofPlatform().daemon().name("dns-udp-" + i).start(() -> serve(channel, index));
            threads.add(thread);
        }
    }

    private static DatagramChannel open(InetSocketAddress at, boolean reusePort) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        if (reusePort) {
            try {
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            } catch (UnsupportedOperationException ignored) {
                // the platform has no SO_REUSEPORT: a single socket
            }
        }
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
        channel.bind(at);
        return channel;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String description() {
        return "NIO DatagramChannel, " + channels.size() + (channels.size() == 1 ? " socket" : " sockets") + note;
    }

    @Override
    public String steering() {
        return "by hash (the kernel's choice)";
    }

    @Override
    public long[] queriesByThread() {
        return counters.queries();
    }

    private void serve(DatagramChannel channel, int index) {
        ByteBuffer in = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        ByteBuffer out = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        byte[] query = new byte[MAX_DATAGRAM];
        ResponseCache.Key probe = ResponseCache.Key.newProbe();
        while (channel.isOpen()) {
            try {
                in.clear();
                SocketAddress client = channel.receive(in);
                counters.received(index, 1);
                in.flip();
                int length = in.remaining();
                in.get(query, 0, length);
                if (processor.processInto(query, length, probe, out)) {
                    channel.send(out, client);
                }
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                processor.dropped.increment(); // e.g. ICMP unreachable from a gone client: keep serving
            }
        }
    }

    @Override
    public void close() {
        for (DatagramChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Thread thread : threads) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
