package io.pilotlight.dns;

import java.io.IOException;
import java.util.function.Supplier;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns query bytes into response bytes: FORMERR for what does not parse, NOTIMP for opcodes we do
 * not serve, REFUSED outside our zones, EDNS0 (OPT, payload size, BADVERS), and truncation with TC
 * over UDP. Returns {@code null} when nothing should be sent (not even a header could be read, or
 * the packet is itself a response).
 */
final class WireHandler {
    static final int CLASSIC_UDP_LIMIT = 512;
    /** Our advertised EDNS payload size: the DNS flag day 2020 figure that avoids IP fragmentation. */
    static final int EDNS_PAYLOAD = 1232;
    static final int TCP_LIMIT = 65_535;
    private static final int HEADER_LENGTH = 12;

    private final Supplier<AnswerEngine> engine;

    WireHandler(Supplier<AnswerEngine> engine) {
        this.engine = engine;
    }

    /** The response, and whether it may be cached for the same query bytes. */
    record Response(byte[] wire, boolean cacheable) {
    }

    Response handle(byte[] query, int length, boolean tcp) {
        if (length < HEADER_LENGTH || (query[2] & 0x80) != 0) {
            return null; // too short to answer, or a response: never answer those (no reflection loops)
        }
        Message request;
        try {
            request = new Message(length == query.length ? query : java.util.Arrays.copyOf(query, length));
        } catch (IOException | RuntimeException malformed) {
            return new Response(headerOnly(query, Rcode.FORMERR), false);
        }
        Header header = request.getHeader();
        int opcode = header.getOpcode();
        Record question = request.getQuestion();
        if (opcode != Opcode.QUERY) {
            return new Response(reply(request, Rcode.NOTIMP, null, tcp), false);
        }
        if (header.getCount(Section.QUESTION) != 1 || question == null || header.getCount(Section.ANSWER) != 0
                || header.getCount(Section.AUTHORITY) != 0) {
            return new Response(headerOnly(query, Rcode.FORMERR), false);
        }
        OPTRecord opt = request.getOPT();
        if (opt != null && opt.getVersion() != 0) {
            return new Response(reply(request, Rcode.BADVERS, null, tcp), false);
        }
        if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
            return new Response(reply(request, Rcode.REFUSED, null, tcp), true);
        }
        int qtype = question.getType();
        if (qtype == Type.AXFR || qtype == Type.IXFR) {
            return new Response(reply(request, Rcode.REFUSED, null, tcp), true);
        }
        Answer answer = engine.get().answer(question.getName(), qtype);
        return new Response(reply(request, answer.rcode(), answer, tcp), answer.cacheable());
    }

    private static byte[] reply(Message request, int rcode, Answer answer, boolean tcp) {
        Message response = new Message(request.getHeader().getID());
        Header header = response.getHeader();
        header.setFlag(Flags.QR);
        header.setOpcode(request.getHeader().getOpcode());
        if (request.getHeader().getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        if (answer != null && answer.authoritative()) {
            header.setFlag(Flags.AA);
        }
        header.setRcode(rcode & 0xF);
        if (request.getQuestion() != null) {
            response.addRecord(request.getQuestion(), Section.QUESTION);
        }
        if (answer != null) {
            answer.answers().forEach(r -> response.addRecord(r, Section.ANSWER));
            answer.authority().forEach(r -> response.addRecord(r, Section.AUTHORITY));
        }
        OPTRecord opt = request.getOPT();
        if (opt != null) {
            response.addRecord(new OPTRecord(EDNS_PAYLOAD, rcode >>> 4, 0, opt.getFlags() & ExtendedFlags.DO), Section.ADDITIONAL);
        }
        int limit = tcp ? TCP_LIMIT : opt == null ? CLASSIC_UDP_LIMIT : Math.max(CLASSIC_UDP_LIMIT, Math.min(opt.getPayloadSize(), EDNS_PAYLOAD));
        byte[] wire = response.toWire();
        return wire.length <= limit ? wire : truncated(request, response, limit);
    }

    /** Over the limit: question (and OPT) only, with TC set, so the client retries over TCP. */
    private static byte[] truncated(Message request, Message full, int limit) {
        Message small = new Message(request.getHeader().getID());
        Header header = small.getHeader();
        for (int flag : new int[] {Flags.QR, Flags.AA, Flags.RD}) {
            if (full.getHeader().getFlag(flag)) {
                header.setFlag(flag);
            }
        }
        header.setFlag(Flags.TC);
        header.setRcode(full.getHeader().getRcode());
        small.addRecord(request.getQuestion(), Section.QUESTION);
        if (full.getOPT() != null) {
            small.addRecord(full.getOPT(), Section.ADDITIONAL);
        }
        byte[] wire = small.toWire();
        return wire.length <= limit ? wire : java.util.Arrays.copyOf(wire, HEADER_LENGTH);
    }

    /** A bare header echoing the id, for packets whose question we could not read. */
    private static byte[] headerOnly(byte[] query, int rcode) {
        byte[] out = new byte[HEADER_LENGTH];
        out[0] = query[0];
        out[1] = query[1];
        out[2] = (byte) (0x80 | (query[2] & 0x78) | (query[2] & 0x01)); // QR, opcode, RD
        out[3] = (byte) (rcode & 0xF);
        return out;
    }
}
