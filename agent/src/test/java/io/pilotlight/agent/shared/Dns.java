package io.pilotlight.agent.shared;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Asks a DNS server over real UDP, as a resolver would. */
final class Dns {
    private Dns() {
    }

    /** The first A record answering {@code name}. */
    static String answer(InetSocketAddress server, String name) throws Exception {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(Duration.ofSeconds(1));
        Message response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
        return response.getSection(Section.ANSWER).get(0).rdataToString();
    }
}
