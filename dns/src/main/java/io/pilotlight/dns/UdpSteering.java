package io.pilotlight.dns;

/** Which of the UDP sockets (and so which thread) the kernel hands a query to. */
public enum UdpSteering {
    /**
     * The default: {@link #HASH}. Steering by CPU was measured faster when queries arrive on every CPU
     * and slower when they all arrive on one (docs/benchmarks.md), and a server cannot know which.
     */
    AUTO,
    /**
     * The socket of the CPU that received the packet, with thread i pinned to CPU i, so a query is
     * answered on the CPU it arrived on (a classic BPF program on the SO_REUSEPORT group). Needs the
     * recvmmsg transport and one UDP thread per online CPU; otherwise the server falls back to
     * {@link #HASH} and says why.
     */
    CPU,
    /** The kernel's SO_REUSEPORT default: a hash of the client's address and port. */
    HASH
}
