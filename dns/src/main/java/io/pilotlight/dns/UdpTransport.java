package io.pilotlight.dns;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;

/** UDP sockets bound to one address and the threads answering on them. */
interface UdpTransport extends AutoCloseable {
    /**
     * Only in the Java 22+ part of the multi-release jar (it uses java.lang.foreign), so it is looked
     * up by name: on Java 21, or from a plain classes directory, it is simply absent.
     */
    String MMSG_CLASS = "io.pilotlight.dns.MmsgUdpTransport";

    InetSocketAddress address();

    /** What moves the packets, for the start-up line. */
    String description();

    /** How queries are spread over the threads right now, and why, e.g. "by CPU". */
    String steering();

    /** How many queries each thread has taken since the start. */
    long[] queriesByThread();

    @Override
    void close();

    static UdpTransport open(InetSocketAddress listen, int threads, QueryProcessor processor, UdpIo io, UdpSteering steering,
                             SteeringTuning tuning) throws IOException {
        String nioSteering = steering == UdpSteering.CPU ? " (CPU steering not used: it needs the recvmmsg transport)" : "";
        if (io == UdpIo.NIO) {
            return new NioUdpTransport(listen, threads, processor, nioSteering);
        }
        try {
            return openMmsg(listen, threads, processor, io == UdpIo.MMSG, steering, tuning);
        } catch (UnsupportedOperationException | IllegalCallerException | LinkageError | IOException unavailable) {
            if (io == UdpIo.MMSG) {
                throw new IOException("--udp-io mmsg: " + unavailable.getMessage(), unavailable);
            }
            return new NioUdpTransport(listen, threads, processor, " (recvmmsg not used: " + unavailable.getMessage() + ")" + nioSteering);
        }
    }

    private static UdpTransport openMmsg(InetSocketAddress listen, int threads, QueryProcessor processor, boolean forced,
                                         UdpSteering steering, SteeringTuning tuning) throws IOException {
        MethodHandle open;
        try {
            Class<?> type = Class.forName(MMSG_CLASS);
            open = MethodHandles.lookup().findStatic(type, "open",
                    MethodType.methodType(UdpTransport.class, InetSocketAddress.class, int.class, QueryProcessor.class, boolean.class,
                            UdpSteering.class, SteeringTuning.class));
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException absent) {
            throw new UnsupportedOperationException("needs Java 22 or newer and the multi-release jar (running Java "
                    + Runtime.version().feature() + ")");
        }
        try {
            return (UdpTransport) open.invokeExact(listen, threads, processor, forced, steering, tuning);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable unexpected) {
            throw new IOException(unexpected);
        }
    }
}
