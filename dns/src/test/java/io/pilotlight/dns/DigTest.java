package io.pilotlight.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server as dig (dnsutils) sees it. CI installs dnsutils; elsewhere the test is skipped without dig. */
class DigTest {

    private static String dig(DnsFixture dns, String... args) throws Exception {
        var command = new java.util.ArrayList<>(java.util.List.of("dig", "@" + dns.server.address().getAddress().getHostAddress(),
                "-p", String.valueOf(dns.server.address().getPort()), "+norec", "+time=2", "+tries=1"));
        command.addAll(java.util.List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void digSeesAnAuthoritativeAnswerAndFailover() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dig")), "dig is not installed (apt-get install dnsutils)");
        try (DnsFixture dns = new DnsFixture()) {
            String output = dig(dns, "api.example.com", "A");
            assertThat(output).contains("status: NOERROR").contains("flags: qr aa").containsPattern("api\\.example\\.com\\.\\s+60\\s+IN\\s+A\\s+192\\.0\\.2\\.1");
            dns.health.set("east", io.pilotlight.health.HealthStatus.UNHEALTHY);
            assertThat(dig(dns, "+short", "api.example.com", "A").trim()).isEqualTo("192.0.2.2");
            assertThat(dig(dns, "nope.example.com")).contains("status: NXDOMAIN").contains("SOA");
            assertThat(dig(dns, "+tcp", "big.example.com", "TXT")).contains("ANSWER: 40");
            assertThat(dig(dns, "+bufsize=512", "big.example.com", "TXT")).as("dig retries over TCP after TC").contains("ANSWER: 40");
        }
    }
}
