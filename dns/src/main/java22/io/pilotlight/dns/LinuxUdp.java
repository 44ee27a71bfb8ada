package io.pilotlight.dns;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * The libc calls of the recvmmsg transport. The constants and struct layouts are Linux's on 64-bit
 * x86 and ARM (the same values on both): check the platform before touching this class.
 * Every call takes a per-thread segment where the linker saves errno right after the call.
 */
@SuppressWarnings("restricted")
final class LinuxUdp {
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_WAITFORONE = 0x10000;
    private static final int EAFNOSUPPORT = 97;
    private static final int EADDRINUSE = 98;
    private static final int EADDRNOTAVAIL = 99;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;
    private static final int SO_REUSEPORT = 15;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_ATTACH_REUSEPORT_CBPF = 51;
    /** Classic BPF: {@code ld [k]} (BPF_LD|BPF_W|BPF_ABS), {@code ld #k} (BPF_LD|BPF_IMM), {@code ret a} (BPF_RET|BPF_A). */
    private static final short BPF_LD_W_ABS = 0x20;
    private static final short BPF_LD_IMM = 0x00;
    private static final short BPF_RET_A = 0x16;
    private static final int SKF_AD_OFF = -0x1000;
    private static final int SKF_AD_CPU = 36;
    /** glibc's cpu_set_t: room for 1024 CPUs. */
    private static final int CPU_SET_BYTES = 128;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_V6ONLY = 26;
    private static final int SHUT_RDWR = 2;
    /** sizeof(struct sockaddr_in6), which also holds a sockaddr_in. */
    static final int SOCKADDR_SIZE = 28;
    private static final ValueLayout.OfShort NETWORK_SHORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET = CALL_STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = libc("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle SETSOCKOPT = libc("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle BIND = libc("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle GETSOCKNAME = libc("getsockname", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle SHUTDOWN = libc("shutdown", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle CLOSE = libc("close", JAVA_INT, JAVA_INT);
    private static final MethodHandle RECVMMSG = libc("recvmmsg", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle SENDMMSG = libc("sendmmsg", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle SCHED_GETAFFINITY = libc("sched_getaffinity", JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS);
    private static final MethodHandle SCHED_SETAFFINITY = libc("sched_setaffinity", JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS);

    private LinuxUdp() {
    }

    private static MethodHandle libc(String name, ValueLayout result, ValueLayout... arguments) {
        MemorySegment function = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsupportedOperationException("libc has no " + name));
        return LINKER.downcallHandle(function, FunctionDescriptor.of(result, arguments), Linker.Option.captureCallState("errno"));
    }

    /** Where a thread's calls leave errno. */
    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static int errno(MemorySegment callState) {
        return callState.get(JAVA_INT, ERRNO_OFFSET);
    }

    /**
     * A UDP socket bound to {@code at}. A wildcard IPv4 address is bound as IPv6 "::" accepting IPv4
     * too (as the JDK does), falling back to IPv4 only where the kernel has no IPv6.
     */
    static int openBound(InetSocketAddress at, boolean reusePort, int receiveBuffer) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = callState(arena);
            boolean dualStack = at.getAddress() instanceof Inet4Address v4 && v4.isAnyLocalAddress();
            int family = at.getAddress() instanceof Inet6Address || dualStack ? AF_INET6 : AF_INET;
            int fd = (int) call(SOCKET, state, family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0 && dualStack && errno(state) == EAFNOSUPPORT) {
                family = AF_INET;
                dualStack = false;
                fd = (int) call(SOCKET, state, family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            }
            if (fd < 0) {
                throw failure("socket", errno(state));
            }
            try {
                if (dualStack) {
                    setOption(arena, state, fd, IPPROTO_IPV6, IPV6_V6ONLY, 0);
                }
                if (reusePort) {
                    setOption(arena, state, fd, SOL_SOCKET, SO_REUSEPORT, 1);
                }
                setOption(arena, state, fd, SOL_SOCKET, SO_RCVBUF, receiveBuffer);
                // A blocked recvmmsg wakes at least once a second, so a missed shutdown cannot hang close().
                MemorySegment oneSecond = arena.allocate(16);
                oneSecond.set(JAVA_LONG, 0, 1);
                check("setsockopt", (int) call(SETSOCKOPT, state, fd, SOL_SOCKET, SO_RCVTIMEO, oneSecond, 16), state);
                MemorySegment address = sockaddr(arena, at, family);
                int bound = (int) call(BIND, state, fd, address, (int) address.byteSize());
                if (bound < 0) {
                    int errno = errno(state);
                    throw errno == EADDRINUSE || errno == EADDRNOTAVAIL
                            ? new BindException("bind " + at + ": errno " + errno) : failure("bind " + at, errno);
                }
                return fd;
            } catch (IOException | RuntimeException e) {
                close(fd);
                throw e;
            }
        }
    }

    /** The port the socket is bound to. */
    static int localPort(int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = callState(arena);
            MemorySegment address = arena.allocate(SOCKADDR_SIZE);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, SOCKADDR_SIZE);
            check("getsockname", (int) call(GETSOCKNAME, state, fd, address, length), state);
            return Short.toUnsignedInt(address.get(NETWORK_SHORT, 2));
        }
    }

    /** Wakes threads blocked in recvmmsg on the socket; their calls return at once from then on. */
    static void shutdown(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            call(SHUTDOWN, callState(arena), fd, SHUT_RDWR); // ENOTCONN for unconnected UDP, but it wakes readers
        }
    }

    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            call(CLOSE, callState(arena), fd);
        }
    }

    /** Blocks for the first packet, then takes whatever else is queued, up to {@code count}. */
    static int recvmmsg(MemorySegment callState, int fd, MemorySegment messages, int count) {
        try {
            return (int) RECVMMSG.invokeExact(callState, fd, messages, count, MSG_WAITFORONE, MemorySegment.NULL);
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static int sendmmsg(MemorySegment callState, int fd, MemorySegment messages, int count) {
        try {
            return (int) SENDMMSG.invokeExact(callState, fd, messages, count, 0);
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Makes the socket's SO_REUSEPORT group hand each packet to the socket whose index (the order in
     * which the group's sockets were bound) is the number of the CPU that received the packet; where
     * there is no such socket the kernel falls back to its hash.
     */
    static void attachCpuSteering(int fd) throws IOException {
        attachReuseportProgram(fd, new int[][] {{BPF_LD_W_ABS, SKF_AD_OFF + SKF_AD_CPU}, {BPF_RET_A, 0}});
    }

    /**
     * Gives the group back to the kernel's hash of the client's address and port: the program returns
     * an index past the last socket, on which the kernel falls back to its hash. Replacing the program
     * (rather than detaching it) keeps one system call for both ways and works on every kernel that has
     * SO_ATTACH_REUSEPORT_CBPF.
     */
    static void attachHashSteering(int fd) throws IOException {
        attachReuseportProgram(fd, new int[][] {{BPF_LD_IMM, -1}, {BPF_RET_A, 0}});
    }

    /** Attaches (or replaces) the group's classic BPF program; each instruction is {code, k}. */
    private static void attachReuseportProgram(int fd, int[][] instructions) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = callState(arena);
            MemorySegment program = arena.allocate(8L * instructions.length, 8); // struct sock_filter {u16 code; u8 jt, jf; u32 k}
            for (int i = 0; i < instructions.length; i++) {
                program.set(JAVA_SHORT, 8L * i, (short) instructions[i][0]);
                program.set(JAVA_INT, 8L * i + 4, instructions[i][1]);
            }
            MemorySegment fprog = arena.allocate(16, 8); // struct sock_fprog {u16 len; struct sock_filter *filter}
            fprog.set(JAVA_SHORT, 0, (short) instructions.length);
            fprog.set(ADDRESS, 8, program);
            check("setsockopt SO_ATTACH_REUSEPORT_CBPF", (int) call(SETSOCKOPT, state, fd, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, fprog, 16), state);
        }
    }

    /** The CPUs the calling thread may run on. */
    static BitSet affinity() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = callState(arena);
            MemorySegment mask = arena.allocate(CPU_SET_BYTES, 8);
            check("sched_getaffinity", (int) call(SCHED_GETAFFINITY, state, 0, (long) CPU_SET_BYTES, mask), state);
            return BitSet.valueOf(mask.toArray(JAVA_LONG));
        }
    }

    /** Lets the calling thread run only on {@code cpus}. */
    static void setAffinity(BitSet cpus) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = callState(arena);
            MemorySegment mask = arena.allocate(CPU_SET_BYTES, 8);
            long[] words = cpus.toLongArray();
            if (words.length > CPU_SET_BYTES / 8) {
                throw new IOException("CPU number over " + CPU_SET_BYTES * 8);
            }
            MemorySegment.copy(words, 0, mask, JAVA_LONG, 0, words.length);
            check("sched_setaffinity", (int) call(SCHED_SETAFFINITY, state, 0, (long) CPU_SET_BYTES, mask), state);
        }
    }

    private static void setOption(Arena arena, MemorySegment state, int fd, int level, int option, int value) throws IOException {
        MemorySegment integer = arena.allocate(JAVA_INT);
        integer.set(JAVA_INT, 0, value);
        check("setsockopt " + option, (int) call(SETSOCKOPT, state, fd, level, option, integer, 4), state);
    }

    private static MemorySegment sockaddr(Arena arena, InetSocketAddress at, int family) {
        byte[] ip = at.getAddress().getAddress();
        MemorySegment address = arena.allocate(family == AF_INET ? 16 : SOCKADDR_SIZE);
        address.set(JAVA_SHORT, 0, (short) family);
        address.set(NETWORK_SHORT, 2, (short) at.getPort());
        if (family == AF_INET) {
            MemorySegment.copy(ip, 0, address, ValueLayout.JAVA_BYTE, 4, 4);
        } else if (ip.length == 16) { // else the wildcard: all zeros already
            MemorySegment.copy(ip, 0, address, ValueLayout.JAVA_BYTE, 8, 16);
            address.set(JAVA_INT, 24, ((Inet6Address) at.getAddress()).getScopeId());
        }
        return address;
    }

    private static void check(String what, int result, MemorySegment state) throws IOException {
        if (result < 0) {
            throw failure(what, errno(state));
        }
    }

    private static IOException failure(String what, int errno) {
        return new IOException(what + " failed: errno " + errno);
    }

    /** For the set-up calls, off the hot path: a generic invoke is fine there. */
    private static Object call(MethodHandle function, Object... arguments) {
        try {
            return function.invokeWithArguments(arguments);
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
