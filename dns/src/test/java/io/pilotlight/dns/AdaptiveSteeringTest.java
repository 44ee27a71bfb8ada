package io.pilotlight.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --udp-steering auto}: its judgement, and the real thing, with senders pinned to CPUs by
 * {@code taskset} (on loopback the kernel takes a packet in on the CPU that sent it).
 */
class AdaptiveSteeringTest {
    /** Sends queries for api.example.com A from 4 sockets as fast as it can for argv[2] seconds, reading and dropping answers. */
    private static final String SENDER = """
            import socket, sys, time
            port, end = int(sys.argv[1]), time.time() + float(sys.argv[2])
            query = bytes.fromhex('12340000000100000000000003617069076578616d706c6503636f6d0000010001')
            sockets = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(4)]
            for s in sockets:
                s.setblocking(False)
            while time.time() < end:
                for s in sockets:
                    try:
                        s.sendto(query, ('127.0.0.1', port))
                        s.recv(512)
                    except OSError:
                        pass
            """;

    @Test
    void queriesSpreadOverTheCpusAreSteeredByCpu() {
        SteeringPolicy.Verdict verdict = SteeringPolicy.judge(new long[] {52_000, 48_000}, 2_000, 250);
        assertThat(verdict.byCpu()).isTrue();
        assertThat(verdict.reason()).isEqualTo("52% of the 100,000 queries in 250 ms arrived on CPU 0 (at most 90%): they arrive on every CPU");
    }

    @Test
    void queriesArrivingMostlyOnOneCpuGoBackToTheHash() {
        SteeringPolicy.Verdict verdict = SteeringPolicy.judge(new long[] {5_000, 65_000}, 2_000, 250);
        assertThat(verdict.byCpu()).isFalse();
        assertThat(verdict.reason()).isEqualTo("93% of the 70,000 queries in 250 ms arrived on CPU 1 (over 90%): one thread would do all the work");
    }

    @Test
    void aQuietWindowIsNotJudgedAndKeepsSteeringByCpu() {
        SteeringPolicy.Verdict verdict = SteeringPolicy.judge(new long[] {1_999, 0}, 2_000, 250);
        assertThat(verdict.byCpu()).isTrue();
        assertThat(verdict.reason()).isEqualTo("1,999 queries in 250 ms, too few to judge");
    }

    @Test
    void theLimitIsTwiceTheEvenShareAndAtMostNinetyPercent() {
        assertThat(SteeringPolicy.concentrationLimit(2)).isEqualTo(0.9);
        assertThat(SteeringPolicy.concentrationLimit(4)).isEqualTo(0.5);
        assertThat(SteeringPolicy.concentrationLimit(16)).isEqualTo(0.125);
        // Four CPUs, two of them busy: each got half, its even share is a quarter, so one thread per busy CPU would be loaded twice over.
        assertThat(SteeringPolicy.judge(new long[] {50_000, 50_000, 0, 0}, 2_000, 250).byCpu()).isTrue();
        assertThat(SteeringPolicy.judge(new long[] {60_000, 40_000, 0, 0}, 2_000, 250).byCpu()).isFalse();
    }

    @Test
    void oneSendingCpuTurnsToTheHashAndSendersOnEveryCpuTurnBackToSteeringByCpu() throws Exception {
        assumeTrue(UdpTransportTest.MMSG_CAN_RUN, "recvmmsg cannot run here");
        int cpus = UdpTransportTest.onlineCpus();
        assumeTrue(cpus >= 2 && cpus == Runtime.getRuntime().availableProcessors(), "needs 2 or more CPUs, all allowed to the tests");
        assumeTrue(runs("taskset", "-c", "0", "true") && runs("python3", "-c", "pass"), "needs taskset and python3");
        SteeringTuning quick = new SteeringTuning(Duration.ofMillis(100), Duration.ofMillis(300), 200);
        try (DnsFixture dns = new DnsFixture(RoutingState.ALL_ON, UdpIo.MMSG, UdpSteering.AUTO, cpus, quick)) {
            assertThat(dns.server.udpTransport()).endsWith(", steered by CPU (thread i on CPU i) while queries arrive on every CPU, else by hash");
            int port = dns.server.address().getPort();

            List<Process> oneCpu = senders(port, 0);
            try {
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(dns.server.udpSteering())
                        .startsWith("by hash (").contains("arrived on CPU 0 (over "));
            } finally {
                stop(oneCpu);
            }

            int[] everyCpu = new int[cpus];
            for (int cpu = 0; cpu < cpus; cpu++) {
                everyCpu[cpu] = cpu;
            }
            List<Process> spread = senders(port, everyCpu);
            try {
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(dns.server.udpSteering())
                        .startsWith("by CPU (").endsWith("they arrive on every CPU)"));
                long[] before = dns.server.udpQueriesByThread();
                Thread.sleep(300);
                long[] after = dns.server.udpQueriesByThread();
                for (int thread = 0; thread < cpus; thread++) {
                    assertThat(after[thread]).as("queries taken by thread %d", thread).isGreaterThan(before[thread]);
                }
            } finally {
                stop(spread);
            }
            assertThat(dns.addresses("api.example.com.")).containsExactly("192.0.2.1");
        }
    }

    private static List<Process> senders(int port, int... cpus) throws IOException {
        List<Process> senders = new ArrayList<>();
        for (int cpu : cpus) {
            senders.add(new ProcessBuilder("taskset", "-c", String.valueOf(cpu), "python3", "-c", SENDER, String.valueOf(port), "30")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        return senders;
    }

    private static void stop(List<Process> senders) throws InterruptedException {
        for (Process sender : senders) {
            sender.destroy();
            sender.waitFor();
        }
    }

    private static boolean runs(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
