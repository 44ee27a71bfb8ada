package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** `pilotlight dns serve` as a real process, driven by `pilotlight route` and `pilotlight dns reload`. */
class DnsCliProcessTest {

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String answer(int port) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
        resolver.setTimeout(Duration.ofSeconds(2));
        Message response = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("api.shop.example."), Type.A, DClass.IN)));
        return response.getSection(Section.ANSWER).get(0).rdataToString();
    }

    @Test
    void servesRoutesAndReloads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("zone.yaml");
        Files.writeString(file, """
                name: cli-dns
                objectives: {rto: 5m, rpo: 1m}
                regions: {east: {role: primary}, west: {role: standby}}
                dns:
                  routing_controls: {wait_period: 0s}
                  zones:
                    shop.example:
                      record_sets:
                        - {name: api, type: A, ttl: 30, set_identifier: east, failover_routing_policy: {type: PRIMARY}, records: [192.0.2.1]}
                        - {name: api, type: A, ttl: 30, set_identifier: west, failover_routing_policy: {type: SECONDARY}, records: [192.0.2.2]}
                """);
        int dnsPort = freePort();
        String admin = "127.0.0.1:" + freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), PilotlightCommand.class.getName(),
                "dns", "serve", file.toString(), "--listen", "127.0.0.1:" + dnsPort, "--admin", admin,
                "--state-dir", dir.resolve("state").toString(), "--watch", "0s"))
                .redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = lines.readLine();
            assertThat(first).contains("serving [shop.example.] on 127.0.0.1:" + dnsPort);
            assertThat(answer(dnsPort)).isEqualTo("192.0.2.1");

            CliProcess.Result off = CliProcess.run("route", "set", "api.shop.example/east", "off", "--admin", admin, "--reason", "drain");
            assertThat(off.exitCode()).as(off.err()).isZero();
            assertThat(answer(dnsPort)).isEqualTo("192.0.2.2");

            CliProcess.Result refused = CliProcess.run("route", "set", "api.shop.example/west", "off", "--admin", admin);
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("refused").contains("keep one member of api.shop.example A on");

            CliProcess.Result list = CliProcess.run("route", "list", "--admin", admin);
            assertThat(list.out()).containsPattern("api.shop.example/east +off");

            Files.writeString(file, Files.readString(file).replace("192.0.2.2", "192.0.2.22"));
            CliProcess.Result reload = CliProcess.run("dns", "reload", "--admin", admin);
            assertThat(reload.exitCode()).as(reload.err()).isZero();
            assertThat(answer(dnsPort)).as("control state kept across the reload").isEqualTo("192.0.2.22");

            Files.writeString(file, "name: [broken");
            CliProcess.Result bad = CliProcess.run("dns", "reload", "--admin", admin);
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.err()).contains("YAML syntax");
            assertThat(answer(dnsPort)).isEqualTo("192.0.2.22");
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        CliProcess.Result gone = CliProcess.run("route", "list", "--admin", admin);
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("no Pilotlight DNS server answers");
    }
}
