package io.pilotlight.drill;

import io.pilotlight.planner.RtoEstimator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Clients as real ones behave: each resolves the service's name through the DNS server, keeps the
 * answer for its TTL (or for a fixed client cache time, like the JVM's 30 s), writes a new item and
 * reads it back, and logs every request and every acknowledged write.
 */
public final class SyntheticClients implements AutoCloseable {
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<AckedWrite> acked = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /** @param clientCache how long a client keeps an answer regardless of TTL; null to honour the TTL */
    private final java.time.Clock clock;

    /** @param clock stamps every request and acknowledgement: the drill's RTO and RPO are measured on it */
    public SyntheticClients(int count, InetSocketAddress dns, String name, int port, Duration clientCache, java.time.Clock clock) {
        this(count, dns, name, port, clientCache, clock, null);
    }

    /** @param tls for a service that serves HTTPS: whom the clients trust (the lab's certificate); null for plain HTTP */
    public SyntheticClients(int count, InetSocketAddress dns, String name, int port, Duration clientCache, java.time.Clock clock,
                            javax.net.ssl.SSLContext tls) {
        this.clock = clock;
        for (int c = 0; c < count; c++) {
            int id = c;
            threads.add(Thread.ofPlatform().daemon().name("drill-client-" + c).start(() -> run(id, dns, name, port, clientCache, tls)));
        }
    }

    private void run(int id, InetSocketAddress dns, String name, int port, Duration clientCache, javax.net.ssl.SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500));
        HttpClient http = (tls == null ? builder : builder.sslContext(tls)).build();
        String scheme = tls == null ? "http" : "https";
        SimpleResolver resolver = new SimpleResolver(dns);
        resolver.setTimeout(Duration.ofMillis(500));
        String address = null;
        long expires = 0;
        for (int n = 0; running; n++) {
            boolean ok = false;
            try {
                if (address == null || clock.millis() >= expires) {
                    Message answer = resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)));
                    var records = answer.getSection(Section.ANSWER);
                    if (!records.isEmpty()) {
                        address = records.get(0).rdataToString();
                        long keep = clientCache != null ? clientCache.toMillis() : records.get(0).getTTL() * 1000L;
                        expires = clock.millis() + keep;
                    }
                }
                if (address != null) {
                    String key = "drill-" + id + "-" + n;
                    String value = "v" + n;
                    HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(scheme + "://" + address + ":" + port + "/items/" + key))
                            .timeout(RtoEstimator.ASSUMED_CLIENT_REQUEST_TIMEOUT).PUT(HttpRequest.BodyPublishers.ofString(value)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    ok = put.statusCode() == 200;
                    if (ok) {
                        acked.add(new AckedWrite(key, value, clock.millis()));
                    }
                }
            } catch (Exception failed) {
                ok = false;
            }
            requests.add(new Request(clock.millis(), ok));
            try {
                // the planner's clients sustain term assumes this timeout and retry pause (RtoEstimator.ASSUMED_CLIENT_*)
                Thread.sleep(ok ? 50 : RtoEstimator.ASSUMED_CLIENT_RETRY_PAUSE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<AckedWrite> acked() {
        return List.copyOf(acked);
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
    }
}
