package io.pilotlight.dns;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * What the server answers to one question, before it is put on the wire.
 *
 * @param cacheable the same question gets the same answer until zones, health or controls change
 * @param reason    how routing chose the answer, for logs and the admin API
 */
record Answer(int rcode, List<Record> answers, List<Record> authority, boolean authoritative, boolean cacheable,
              String reason) {
}
