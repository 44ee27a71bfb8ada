package io.pilotlight.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Both UDP transports, over real sockets: what a client sees must not depend on which one runs. */
class UdpTransportTest {
    static final boolean MMSG_CAN_RUN = System.getProperty("os.name").equalsIgnoreCase("linux")
            && Runtime.version().feature() >= 22 && classExists(UdpTransport.MMSG_CLASS);

    @Test
    void autoPicksRecvmmsgWhereItCanRunAndSaysSo() throws Exception {
        try (DnsFixture dns = new DnsFixture(UdpIo.AUTO)) {
            if (MMSG_CAN_RUN) {
                assertThat(dns.server.udpTransport()).startsWith("recvmmsg/sendmmsg (FFM), 2 sockets");
            } else {
                assertThat(dns.server.udpTransport()).startsWith("NIO DatagramChannel, 2 sockets (recvmmsg not used: ");
            }
        }
        try (DnsFixture dns = new DnsFixture(UdpIo.NIO)) {
            assertThat(dns.server.udpTransport()).isEqualTo("NIO DatagramChannel, 2 sockets");
        }
    }

    @Test
    void askingForRecvmmsgWhereItCannotRunIsAnError() {
        assumeTrue(!MMSG_CAN_RUN, "recvmmsg runs here");
        assertThatThrownBy(() -> new DnsFixture(UdpIo.MMSG)).isInstanceOf(IOException.class).hasMessageContaining("--udp-io mmsg");
    }

    @ParameterizedTest
    @EnumSource(value = UdpIo.class, names = {"NIO", "MMSG"})
    void manyConcurrentClientsEachGetTheirOwnAnswer(UdpIo io) throws Exception {
        assumeTrue(io != UdpIo.MMSG || MMSG_CAN_RUN, "recvmmsg cannot run here");
        try (DnsFixture dns = new DnsFixture(io); ExecutorService clients = Executors.newFixedThreadPool(16)) {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int client = 0; client < 16; client++) {
                int seed = client;
                answered.add(clients.submit(() -> pipelinedClient(dns.server.address(), seed, 300)));
            }
            for (Future<Integer> count : answered) {
                assertThat(count.get()).isEqualTo(300);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = UdpIo.class, names = {"NIO", "MMSG"})
    void anAnswerTooLargeForUdpComesTruncated(UdpIo io) throws Exception {
        assumeTrue(io != UdpIo.MMSG || MMSG_CAN_RUN, "recvmmsg cannot run here");
        try (DnsFixture dns = new DnsFixture(io)) {
            Message query = Message.newQuery(Record.newRecord(Name.fromString("big.example.com."), Type.TXT, DClass.IN));
            byte[] wire = RawUdp.exchange(dns.server.address(), query.toWire(), 2000);
            Message answer = new Message(wire);
            assertThat(answer.getHeader().getFlag(Flags.TC)).isTrue();
            assertThat(answer.getHeader().getID()).isEqualTo(query.getHeader().getID());
            assertThat(wire.length).isLessThanOrEqualTo(512);
            assertThat(dns.resolver(true).send(query).getSection(Section.ANSWER)).hasSize(40); // and whole over TCP
        }
    }

    @ParameterizedTest
    @EnumSource(value = UdpIo.class, names = {"NIO", "MMSG"})
    void malformedPacketsAmongGoodOnesCostOnlyThemselves(UdpIo io) throws Exception {
        assumeTrue(io != UdpIo.MMSG || MMSG_CAN_RUN, "recvmmsg cannot run here");
        try (DnsFixture dns = new DnsFixture(io); DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(2000);
            Random random = new Random(7);
            Map<Integer, String> expected = new HashMap<>();
            // Sent back to back so they queue up and arrive in the same batches.
            for (int i = 0; i < 400; i++) {
                byte[] packet;
                switch (i % 5) {
                    case 0 -> {
                        Message query = Message.newQuery(Record.newRecord(Name.fromString("api.example.com."), Type.A, DClass.IN));
                        query.getHeader().setID(1000 + i);
                        expected.put(1000 + i, "192.0.2.1");
                        packet = query.toWire();
                    }
                    case 1 -> packet = new byte[random.nextInt(12)]; // shorter than a header, even empty
                    case 2 -> {
                        packet = new byte[random.nextInt(600)];
                        random.nextBytes(packet);
                        packet[2] |= (byte) 0x80; // a response: never answered
                    }
                    case 3 -> packet = new byte[9000]; // larger than any query buffer
                    default -> {
                        Message query = Message.newQuery(Record.newRecord(Name.fromString("api.example.com."), Type.A, DClass.IN));
                        query.getHeader().setID(30_000 + i); // FORMERR, not to be taken for a good answer
                        packet = java.util.Arrays.copyOf(query.toWire(), query.toWire().length - 3); // question cut short
                    }
                }
                socket.send(new DatagramPacket(packet, packet.length, dns.server.address()));
            }
            byte[] buffer = new byte[65_535];
            while (!expected.isEmpty()) {
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(reply);
                } catch (SocketTimeoutException e) {
                    break;
                }
                Message answer = new Message(java.util.Arrays.copyOf(buffer, reply.getLength()));
                String address = expected.remove(answer.getHeader().getID());
                if (address != null) {
                    assertThat(answer.getSection(Section.ANSWER).getFirst().rdataToString()).isEqualTo(address);
                }
            }
            assertThat(expected).as("good queries left unanswered").isEmpty();
            assertThat(dns.addresses("api.example.com.")).containsExactly("192.0.2.1");
            assertThat(dns.server.dropped()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(value = UdpIo.class, names = {"NIO", "MMSG"})
    void closingFreesThePortPromptly(UdpIo io) throws Exception {
        assumeTrue(io != UdpIo.MMSG || MMSG_CAN_RUN, "recvmmsg cannot run here");
        DnsFixture first = new DnsFixture(io);
        InetSocketAddress address = first.server.address();
        long start = System.nanoTime();
        first.close();
        assertThat((System.nanoTime() - start) / 1_000_000).as("close took ms").isLessThan(1500);
        try (DatagramSocket rebound = new DatagramSocket(address)) {
            assertThat(rebound.getLocalPort()).isEqualTo(address.getPort());
        }
    }

    @Test
    void steeringByCpuAnswersConcurrentClientsWithOneThreadPerCpu() throws Exception {
        assumeTrue(MMSG_CAN_RUN, "recvmmsg cannot run here");
        int cpus = onlineCpus();
        assumeTrue(cpus > 0 && cpus == Runtime.getRuntime().availableProcessors(), "the tests may not run on every online CPU");
        try (DnsFixture dns = new DnsFixture(UdpIo.MMSG, UdpSteering.CPU, cpus); ExecutorService clients = Executors.newFixedThreadPool(16)) {
            assertThat(dns.server.udpTransport()).isEqualTo("recvmmsg/sendmmsg (FFM), " + cpus + (cpus == 1 ? " socket" : " sockets")
                    + ", steered by CPU (thread i on CPU i)");
            List<Future<Integer>> answered = new ArrayList<>();
            for (int client = 0; client < 16; client++) {
                int seed = 100 + client;
                answered.add(clients.submit(() -> pipelinedClient(dns.server.address(), seed, 300)));
            }
            for (Future<Integer> count : answered) {
                assertThat(count.get()).isEqualTo(300);
            }
            assertThat(dns.server.dropped()).isZero();
        }
        // The threads gave their sockets back: the port can be bound again, and a fresh group is not steered.
        try (DnsFixture dns = new DnsFixture(UdpIo.MMSG, UdpSteering.HASH, cpus)) {
            assertThat(dns.server.udpTransport()).isEqualTo("recvmmsg/sendmmsg (FFM), " + cpus + (cpus == 1 ? " socket" : " sockets"));
            assertThat(dns.addresses("api.example.com.")).containsExactly("192.0.2.1");
        }
    }

    @Test
    void steeringByCpuWithMoreThreadsThanCpusFallsBackToTheHashAndSaysWhy() throws Exception {
        assumeTrue(MMSG_CAN_RUN, "recvmmsg cannot run here");
        int cpus = onlineCpus();
        assumeTrue(cpus > 0, "no /sys/devices/system/cpu/online");
        int threads = cpus + 1;
        try (DnsFixture dns = new DnsFixture(UdpIo.MMSG, UdpSteering.CPU, threads); ExecutorService clients = Executors.newFixedThreadPool(8)) {
            assertThat(dns.server.udpTransport()).isEqualTo("recvmmsg/sendmmsg (FFM), " + threads + " sockets, spread by hash (CPU steering not used: "
                    + threads + " UDP threads for " + cpus + " online CPUs (it needs one per CPU: --udp-threads " + cpus + "))");
            List<Future<Integer>> answered = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                int seed = 200 + client;
                answered.add(clients.submit(() -> pipelinedClient(dns.server.address(), seed, 200)));
            }
            for (Future<Integer> count : answered) {
                assertThat(count.get()).isEqualTo(200);
            }
        }
    }

    @Test
    void steeringByCpuOnTheNioTransportFallsBackAndSaysWhy() throws Exception {
        try (DnsFixture dns = new DnsFixture(UdpIo.NIO, UdpSteering.CPU, 2)) {
            assertThat(dns.server.udpTransport())
                    .isEqualTo("NIO DatagramChannel, 2 sockets (CPU steering not used: it needs the recvmmsg transport)");
            assertThat(dns.addresses("api.example.com.")).containsExactly("192.0.2.1");
        }
    }

    @Test
    void steeringByCpuSaysWhyItCannotRun() throws Exception {
        assumeTrue(MMSG_CAN_RUN, "the steering classes are not here");
        // CpuSteering is in the Java 22 part of the jar, which the tests do not compile against.
        java.lang.reflect.Method plan = Class.forName("io.pilotlight.dns.CpuSteering")
                .getDeclaredMethod("plan", int.class, java.util.BitSet.class, java.util.BitSet.class);
        plan.setAccessible(true);
        java.util.function.BiFunction<Integer, String[], String> why = (threads, cpus) -> {
            try {
                plan.invoke(null, threads, cpuSet(cpus[0]), cpuSet(cpus[1]));
                return null;
            } catch (java.lang.reflect.InvocationTargetException e) {
                return e.getCause().getMessage();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        };
        assertThat(why.apply(2, new String[] {"0-1", "0-1"})).isNull();
        assertThat(why.apply(4, new String[] {"0-3", "0-7"})).isNull();
        assertThat(why.apply(2, new String[] {"0-3", "0-3"})).isEqualTo("2 UDP threads for 4 online CPUs (it needs one per CPU: --udp-threads 4)");
        assertThat(why.apply(1, new String[] {"0", "0"})).isEqualTo("a single UDP thread: nothing to steer");
        assertThat(why.apply(2, new String[] {"0,2", "0-3"})).isEqualTo("the online CPUs are {0, 2}, not 0 to 1");
        assertThat(why.apply(2, new String[] {"0-1", "1"})).isEqualTo("this process may not run on CPUs {0} (its affinity is {1})");
    }

    private static java.util.BitSet cpuSet(String list) {
        java.util.BitSet cpus = new java.util.BitSet();
        for (String part : list.split(",")) {
            String[] range = part.split("-");
            cpus.set(Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1]) + 1);
        }
        return cpus;
    }

    /** The number of online CPUs if they are numbered 0 to N-1, else 0. */
    static int onlineCpus() {
        try {
            String online = java.nio.file.Files.readString(java.nio.file.Path.of("/sys/devices/system/cpu/online")).strip();
            if (online.equals("0")) {
                return 1;
            }
            java.util.regex.Matcher range = java.util.regex.Pattern.compile("0-(\\d+)").matcher(online);
            return range.matches() ? Integer.parseInt(range.group(1)) + 1 : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Keeps up to 20 queries in flight with random ids and names; counts answers matching their query. */
    private static int pipelinedClient(InetSocketAddress server, int seed, int total) throws IOException {
        String[][] names = {{"api.example.com.", "192.0.2.1"}, {"deep.below.example.com.", "192.0.2.50"}};
        Random random = new Random(seed);
        Map<Integer, String> inFlight = new HashMap<>();
        int answered = 0;
        int sent = 0;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(3000);
            byte[] buffer = new byte[4096];
            while (answered < total) {
                while (sent < total && inFlight.size() < 20) {
                    String[] name = names[random.nextInt(names.length)];
                    int id = random.nextInt(65_536);
                    if (inFlight.containsKey(id)) {
                        continue;
                    }
                    Message query = Message.newQuery(Record.newRecord(Name.fromString(name[0]), Type.A, DClass.IN));
                    query.getHeader().setID(id);
                    byte[] wire = query.toWire();
                    socket.send(new DatagramPacket(wire, wire.length, server));
                    inFlight.put(id, name[1]);
                    sent++;
                }
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                socket.receive(reply); // a lost answer fails the test by timeout: loopback does not lose them
                Message answer = new Message(java.util.Arrays.copyOf(buffer, reply.getLength()));
                String address = inFlight.remove(answer.getHeader().getID());
                if (address != null && answer.getSection(Section.ANSWER).getFirst().rdataToString().equals(address)) {
                    answered++;
                }
            }
        }
        return answered;
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
