package io.pilotlight.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The protocol details a resolver relies on, over real UDP and TCP. */
class ProtocolTest {
    private final DnsFixture dns;

    ProtocolTest() throws Exception {
        dns = new DnsFixture();
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    @Test
    void answersAreAuthoritativeOverUdpAndTcp() throws Exception {
        for (boolean tcp : List.of(false, true)) {
            Message response = dns.resolver(tcp).send(query("api.example.com.", Type.A));
            assertThat(response.getHeader().getFlag(Flags.AA)).as("AA, tcp=" + tcp).isTrue();
            assertThat(response.getHeader().getFlag(Flags.QR)).isTrue();
            assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(response.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("192.0.2.1");
        }
    }

    @Test
    void everyRecordTypeIsServed() throws Exception {
        assertThat(dns.query("example.com.", Type.SOA).getSection(Section.ANSWER).get(0)).isInstanceOf(SOARecord.class);
        assertThat(dns.query("example.com.", Type.NS).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("ns1.example.com.");
        assertThat(dns.query("example.com.", Type.MX).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("10 mail.example.com.");
        assertThat(dns.query("example.com.", Type.TXT).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("\"v=spf1 -all\"");
        assertThat(dns.query("_sip._tcp.example.com.", Type.SRV).getSection(Section.ANSWER).get(0).rdataToString())
                .isEqualTo("10 5 5060 sip.example.com.");
        assertThat(dns.query("example.com.", Type.CAA).getSection(Section.ANSWER).get(0).rdataToString())
                .isEqualTo("0 issue \"letsencrypt.org\"");
        assertThat(dns.query("v6.example.com.", Type.AAAA).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(dns.query("web.example.com.", Type.CNAME).getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void nxdomainCarriesTheSoaWithTheNegativeTtl() throws Exception {
        Message response = dns.query("nope.example.com.", Type.A);
        assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
        List<Record> authority = response.getSection(Section.AUTHORITY);
        assertThat(authority).hasSize(1);
        assertThat(authority.get(0)).isInstanceOf(SOARecord.class);
        assertThat(authority.get(0).getTTL()).as("min(SOA TTL, minimum)").isEqualTo(30);
        assertThat(((SOARecord) authority.get(0)).getSerial()).isEqualTo(7);
    }

    @Test
    void nodataIsNoerrorWithEmptyAnswerAndTheSoa() throws Exception {
        Message response = dns.query("api.example.com.", Type.AAAA);
        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
        assertThat(response.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
    }

    @Test
    void anEmptyNonTerminalIsNodataNotNxdomain() throws Exception {
        Message response = dns.query("below.example.com.", Type.A);
        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(response.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void namesOutsideOurZonesAreRefused() throws Exception {
        Message response = dns.query("www.google.com.", Type.A);
        assertThat(response.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(response.getHeader().getFlag(Flags.AA)).isFalse();
    }

    @Test
    void namesMatchCaseInsensitivelyAndTheQuestionIsEchoedAsSent() throws Exception {
        Message response = dns.query("ApI.ExAmPlE.cOm.", Type.A);
        assertThat(response.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("192.0.2.1");
        assertThat(response.getQuestion().getName().toString()).isEqualTo("ApI.ExAmPlE.cOm.");
    }

    @Test
    void anyIsAnsweredMinimally() throws Exception {
        Message response = dns.query("example.com.", Type.ANY);
        assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
        long rrsets = response.getSection(Section.ANSWER).stream().map(Record::getType).distinct().count();
        assertThat(rrsets).as("RFC 8482: one RRset").isEqualTo(1);
    }

    @Test
    void unsupportedOpcodeIsNotimp() throws Exception {
        Message notify = query("example.com.", Type.SOA);
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        byte[] reply = RawUdp.exchange(dns.server.address(), notify.toWire(), 2000);
        assertThat(new Message(reply).getRcode()).isEqualTo(Rcode.NOTIMP);
    }

    @Test
    void malformedQuestionIsFormerrWithTheQueryId() throws Exception {
        byte[] packet = query("api.example.com.", Type.A).toWire();
        byte[] cut = java.util.Arrays.copyOf(packet, packet.length - 3); // question cut short
        byte[] reply = RawUdp.exchange(dns.server.address(), cut, 2000);
        assertThat(reply).isNotNull();
        assertThat(reply[0]).isEqualTo(packet[0]);
        assertThat(reply[1]).isEqualTo(packet[1]);
        assertThat(reply[3] & 0xF).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void responsesAndRunsAreNeverAnswered() throws Exception {
        byte[] packet = query("api.example.com.", Type.A).toWire();
        packet[2] |= (byte) 0x80; // QR: a response
        assertThat(RawUdp.exchange(dns.server.address(), packet, 300)).isNull();
        assertThat(RawUdp.exchange(dns.server.address(), new byte[] {1, 2, 3}, 300)).isNull();
    }

    @Test
    void ednsIsEchoedWithOurPayloadSize() throws Exception {
        Message request = query("api.example.com.", Type.A);
        request.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        Message response = new Message(RawUdp.exchange(dns.server.address(), request.toWire(), 2000));
        assertThat(response.getOPT()).isNotNull();
        assertThat(response.getOPT().getPayloadSize()).isEqualTo(WireHandler.EDNS_PAYLOAD);
    }

    @Test
    void unknownEdnsVersionIsBadvers() throws Exception {
        Message request = query("api.example.com.", Type.A);
        request.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);
        Message response = new Message(RawUdp.exchange(dns.server.address(), request.toWire(), 2000));
        assertThat(response.getRcode()).isEqualTo(Rcode.BADVERS);
    }

    @Test
    void largeAnswersAreTruncatedOverUdpAndCompleteOverTcp() throws Exception {
        SimpleResolver udp = dns.resolver(false);
        udp.setIgnoreTruncation(true);
        udp.setEDNS(-1);
        Message truncated = udp.send(query("big.example.com.", Type.TXT));
        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(truncated.getSection(Section.ANSWER)).isEmpty();
        Message full = dns.resolver(true).send(query("big.example.com.", Type.TXT));
        assertThat(full.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(full.getSection(Section.ANSWER)).hasSize(40);
        SimpleResolver retrying = dns.resolver(false);
        assertThat(retrying.send(query("big.example.com.", Type.TXT)).getSection(Section.ANSWER))
                .as("dnsjava retries over TCP on TC").hasSize(40);
    }

    @Test
    void cachedAnswersKeepEachQueryId() throws Exception {
        for (int i = 0; i < 5; i++) {
            Message request = query("api.example.com.", Type.A);
            Message response = new Message(RawUdp.exchange(dns.server.address(), request.toWire(), 2000));
            assertThat(response.getHeader().getID()).isEqualTo(request.getHeader().getID());
        }
        assertThat(dns.server.cacheHits()).isGreaterThanOrEqualTo(4);
    }
}
