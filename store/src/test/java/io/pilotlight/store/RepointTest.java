package io.pilotlight.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlight.faults.Faults;
import io.pilotlight.faults.FaultyProxy;
import io.pilotlight.faults.Partition;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /peers}: a running replica re-pointed to a new address of its writer follows it there. */
class RepointTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aReplicaFollowsItsWriterToANewAddressWithoutLosingItsPlace(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).startAll();
             FaultyProxy proxy = FaultyProxy.builder(new InetSocketAddress("127.0.0.1", cluster.ports.get("east")))
                     .listen(new InetSocketAddress("127.0.0.1", 0)).seed(3).start()) {
            StoreClient client = cluster.client();
            for (int i = 0; i < 20; i++) {
                client.put("before-" + i, "v" + i);
            }
            var west = cluster.servers.get("west").node();
            await().atMost(Duration.ofSeconds(5)).until(() -> west.status().lastIndex() == 20);

            String via = "http://127.0.0.1:" + proxy.address().getPort();
            HttpResponse<String> repointed = post(cluster.urls.get("west") + "/peers?region=east&url=" + via);
            assertThat(repointed.statusCode()).isEqualTo(200);
            assertThat(repointed.body()).contains(via);
            for (int i = 0; i < 20; i++) {
                client.put("after-" + i, "v" + i);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> west.status().lastIndex() == 40);
            assertThat(client.get("west", "after-19").value()).isEqualTo("v19");

            // proof that the stream now crosses the proxy: cut it, and west stops hearing east
            proxy.faults(Faults.none().partitioned(Partition.DROP));
            proxy.resetAll();
            client.put("cut-off", "x");
            Thread.sleep(500);
            assertThat(west.status().lastIndex()).isEqualTo(40);
            proxy.faults(Faults.none());
            await().atMost(Duration.ofSeconds(10)).until(() -> west.status().lastIndex() == 41);
        }
    }

    @Test
    void refusesAnUnknownRegionOrABadUrlAndKeepsTheOldAddress(@TempDir Path dir) throws Exception {
        try (Cluster cluster = new Cluster(dir, List.of("east", "west")).startAll()) {
            String west = cluster.urls.get("west");
            HttpResponse<String> unknown = post(west + "/peers?region=mars&url=http://127.0.0.1:1");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("region mars is not a peer").contains("east");
            HttpResponse<String> badUrl = post(west + "/peers?region=east&url=ftp://x");
            assertThat(badUrl.statusCode()).isEqualTo(400);
            assertThat(badUrl.body()).contains("ftp://x").contains("expected http://HOST:PORT");
            String now = http.send(HttpRequest.newBuilder(URI.create(west + "/peers")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(now).contains(cluster.urls.get("east"));
        }
    }
}
