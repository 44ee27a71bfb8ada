package io.pilotlight.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Random and mutated packets never crash the server: each gets FORMERR (or another rcode) or no answer. */
class FuzzTest {
    private static DnsFixture dns;
    private static WireHandler handler;

    @BeforeContainer
    static void start() throws Exception {
        dns = new DnsFixture();
        handler = new WireHandler(() -> new AnswerEngine(dns.server.zones(), dns.health, RoutingState.ALL_ON, new Random(1)));
    }

    @AfterContainer
    static void stop() {
        dns.close();
    }

    @Property(tries = 3000)
    void randomBytesNeverThrowAndAnswersAreWellFormed(@ForAll("packets") byte[] packet) throws Exception {
        WireHandler.Response response = handler.handle(packet, packet.length, false);
        if (response != null) {
            assertThat(response.wire().length).isGreaterThanOrEqualTo(12).isLessThanOrEqualTo(65_535);
            assertThat(response.wire()[0]).isEqualTo(packet[0]);
            assertThat(response.wire()[2] & 0x80).as("QR set").isEqualTo(0x80);
        }
    }

    @Property(tries = 3000)
    void mutatedQueriesNeverThrow(@ForAll("mutations") byte[] packet) {
        WireHandler.Response response = handler.handle(packet, packet.length, false);
        if (response != null) {
            assertThat(response.wire().length).isGreaterThanOrEqualTo(12);
        }
    }

    @Property(tries = 300)
    void theRunningServerSurvivesGarbageAndStillAnswers(@ForAll("mutations") byte[] packet) throws Exception {
        RawUdp.exchange(dns.server.address(), packet, 50);
        assertThat(dns.addresses("api.example.com.")).containsExactly("192.0.2.1");
    }

    @Provide
    Arbitrary<byte[]> packets() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(600);
    }

    @Provide
    Arbitrary<byte[]> mutations() throws Exception {
        byte[] valid = Message.newQuery(Record.newRecord(Name.fromString("api.example.com."), Type.A, DClass.IN)).toWire();
        return Arbitraries.integers().between(1, 8).flatMap(edits -> Arbitraries.longs().map(seed -> {
            Random random = new Random(seed);
            byte[] packet = valid.clone();
            for (int i = 0; i < edits; i++) {
                int at = random.nextInt(packet.length);
                switch (random.nextInt(3)) {
                    case 0 -> packet[at] = (byte) random.nextInt(256);
                    case 1 -> packet = java.util.Arrays.copyOf(packet, Math.max(1, at));
                    default -> packet = java.util.Arrays.copyOf(packet, packet.length + random.nextInt(20));
                }
            }
            if (packet.length > 2) {
                packet[2] &= 0x7F; // keep it a query so the server has to look inside
            }
            return packet;
        }));
    }
}
