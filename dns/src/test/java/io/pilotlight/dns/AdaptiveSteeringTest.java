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

    /** A window of 1000 ms where each thread took its queries in calls of 4 and every CPU was 95 % busy. */
    private static SteeringPolicy.Window window(long... queries) {
        long[] receives = new long[queries.length];
        double[] busy = new double[queries.length];
        for (int i = 0; i < queries.length; i++) {
            receives[i] = Math.max(1, queries[i] / 4);
            busy[i] = 0.95;
        }
        return new SteeringPolicy.Window(queries, receives, busy, 1000);
    }

    @Test
    void queriesSpreadOverTheCpusAreSteeredByCpu() {
        SteeringPolicy.Verdict verdict = SteeringPolicy.judge(window(52_000, 48_000), 8_000);
        assertThat(verdict.byCpu()).isTrue();
        assertThat(verdict.reason()).isEqualTo("52% of the 100,000 queries in 1000 ms arrived on CPU 0 (at most 90%) and every CPU has work");
    }

    @Test
    void queriesArrivingMostlyOnOneCpuGoBackToTheHash() {
        SteeringPolicy.Verdict verdict = SteeringPolicy.judge(window(5_000, 65_000), 8_000);
        assertThat(verdict.byCpu()).isFalse();
        assertThat(verdict.reason()).isEqualTo("93% of the 70,000 queries in 1000 ms arrived on CPU 1 (over 90%): one thread would do all the work");
    }

    @Test
    void queriesQueueingOnOneThreadWhileAnotherCpuIdlesGoBackToTheHash() {
        // One sender on loopback, steered by CPU (measured): full batches on thread 0, CPU 1 busy 46 % of the time.
        SteeringPolicy.Window window = new SteeringPolicy.Window(new long[] {180_000, 95_000}, new long[] {6_400, 3_400},
                new double[] {0.84, 0.46}, 1000);
        SteeringPolicy.Verdict verdict = SteeringPolicy.judge(window, 8_000);
        assertThat(verdict.byCpu()).isFalse();
        assertThat(verdict.reason()).isEqualTo(
                "thread 0 took 28 queries per receive call (they queue up) while CPU 1 was busy 46% of the 1000 ms (275,000 queries): the hash would put it to work");
    }

    @Test
    void fullBatchesWithEveryCpuBusyOrSmallBatchesWithIdleCpusKeepSteeringByCpu() {
        // A sender per CPU (measured): 26 per call, 93 and 97 % busy.
        assertThat(SteeringPolicy.judge(new SteeringPolicy.Window(new long[] {262_000, 262_000}, new long[] {10_100, 10_100},
                new double[] {0.93, 0.97}, 1000), 8_000).byCpu()).isTrue();
        // Not saturated (measured at 150,000 a second): 6 per call, 60 % busy.
        assertThat(SteeringPolicy.judge(new SteeringPolicy.Window(new long[] {75_000, 75_000}, new long[] {12_100, 12_100},
                new double[] {0.61, 0.59}, 1000), 8_000).byCpu()).isTrue();
        // Busy time unknown (no /proc/stat): only where queries arrive counts.
        assertThat(SteeringPolicy.judge(new SteeringPolicy.Window(new long[] {180_000, 95_000}, new long[] {6_400, 3_400},
                null, 1000), 8_000).byCpu()).isTrue();
    }

    @Test
    void aQuietWindowIsNotJudgedAndKeepsSteeringByCpu() {
        SteeringPolicy.Verdict verdict = SteeringPolicy.judge(window(7_999, 0), 8_000);
        assertThat(verdict.byCpu()).isTrue();
        assertThat(verdict.reason()).isEqualTo("7,999 queries in 1000 ms, too few to judge");
    }

    @Test
    void theLimitIsTwiceTheEvenShareAndAtMostNinetyPercent() {
        assertThat(SteeringPolicy.concentrationLimit(2)).isEqualTo(0.9);
        assertThat(SteeringPolicy.concentrationLimit(4)).isEqualTo(0.5);
        assertThat(SteeringPolicy.concentrationLimit(16)).isEqualTo(0.125);
        // Four CPUs, two of them busy: each got half, its even share is a quarter, so one thread per busy CPU would be loaded twice over.
        assertThat(SteeringPolicy.judge(window(50_000, 50_000, 0, 0), 8_000).byCpu()).isTrue();
        assertThat(SteeringPolicy.judge(window(60_000, 40_000, 0, 0), 8_000).byCpu()).isFalse();
    }

    @Test
    void cpuTimesAreReadFromProcStatAndBusyIsAllButIdleAndIowait() {
        List<String> before = List.of("cpu  300 0 100 1000 20 0 10 0 0 0", "cpu0 100 0 50 500 10 0 5 0 0 0", "cpu1 200 0 50 500 10 0 5 0 0 0",
                "intr 1 2 3");
        List<String> after = List.of("cpu  0 0 0 0 0 0 0 0 0 0", "cpu0 190 0 50 510 10 0 5 0 0 0", "cpu1 210 0 50 580 20 0 5 0 0 0");
        long[][] first = CpuTimes.parse(before, 2);
        assertThat(first[0]).containsExactly(155, 665);
        double[] busy = CpuTimes.busyBetween(first, CpuTimes.parse(after, 2));
        assertThat(busy[0]).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(busy[1]).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(CpuTimes.parse(before, 3)).as("a CPU missing from the file").isNull();
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/stat"))) {
            assertThat(CpuTimes.read(1)).isNotNull();
        }
    }

    @Test
    void oneSendingCpuTurnsToTheHashAndSendersOnEveryCpuTurnBackToSteeringByCpu() throws Exception {
        assumeTrue(UdpTransportTest.MMSG_CAN_RUN, "recvmmsg cannot run here");
        int cpus = UdpTransportTest.onlineCpus();
        assumeTrue(cpus >= 2 && cpus == Runtime.getRuntime().availableProcessors(), "needs 2 or more CPUs, all allowed to the tests");
        assumeTrue(runs("taskset", "-c", "0", "true") && runs("python3", "-c", "pass"), "needs taskset and python3");
        SteeringTuning quick = new SteeringTuning(Duration.ofMillis(100), Duration.ofMillis(300), 200);
        try (DnsFixture dns = new DnsFixture(RoutingState.ALL_ON, UdpIo.MMSG, UdpSteering.AUTO, cpus, quick)) {
            assertThat(dns.server.udpTransport()).endsWith(", steered by CPU (thread i on CPU i) while every CPU has work, else by hash");
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
                        .startsWith("by CPU (").endsWith("and every CPU has work)"));
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
