package io.pilotlight.drill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 13: with realistic clocks DNS answered the empty standby for an instant while its check was
 * still in its initial "healthy" state, and the drill recorded "DNS answer changed" at 24 s, before
 * the decision at 145 s. A milestone counts only as a lasting change.
 */
class LastingChangeTest {

    @Test
    void aOneQueryBlipIsNotAChange() {
        LastingChange dns = new LastingChange(1_000);
        assertThat(dns.observe(24_000, true)).isEmpty();
        assertThat(dns.observe(24_100, false)).isEmpty();
        assertThat(dns.observe(25_500, false)).isEmpty();
        assertThat(dns.observe(178_600, true)).isEmpty();
        assertThat(dns.observe(179_000, true)).isEmpty();
        assertThat(dns.observe(179_600, true)).as("dated from the start of the lasting run").hasValue(178_600);
    }
}
