package io.pilotlight.dns;

/** How UDP packets move between the sockets and the server. */
public enum UdpIo {
    /** recvmmsg/sendmmsg where it can run (Linux, Java 22+, native access enabled), else NIO. */
    AUTO,
    /** The JDK's DatagramChannel: one system call per packet, runs everywhere. */
    NIO,
    /** recvmmsg/sendmmsg through the FFM API: a batch of packets per system call; fails where it cannot run. */
    MMSG
}
