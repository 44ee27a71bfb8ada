package io.pilotlight.dns;

/** Which of the UDP sockets (and so which thread) the kernel hands a query to. */
public enum UdpSteering {
    /**
     * The default: {@link #CPU} while every CPU has work, the kernel's {@link #HASH} while one CPU does
     * the work and another idles ({@link SteeringPolicy}, tuned by {@link SteeringTuning}); steering by
     * CPU was measured faster in the first case and slower in the second (docs/benchmarks.md). Where
     * steering by CPU cannot run, the hash, and the start-up line says why.
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
