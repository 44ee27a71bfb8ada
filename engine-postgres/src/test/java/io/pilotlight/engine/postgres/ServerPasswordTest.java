package io.pilotlight.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The managed servers' password: what is accepted, and a server beyond loopback without one is refused. */
class ServerPasswordTest {
    @Test
    void aPasswordIsLongAndNeedsNoQuotingOrItIsRefusedWithoutBeingEchoed() {
        assertThat(ServerPassword.parse(null)).isEmpty();
        assertThat(ServerPassword.parse("")).isEmpty();
        assertThat(ServerPassword.parse("Zm9vYmFyYmF6cXV4LXF1dXg=")).hasValue("Zm9vYmFyYmF6cXV4LXF1dXg=");
        assertThatThrownBy(() -> ServerPassword.parse("short")).hasMessageContaining("PILOTLIGHT_POSTGRES_PASSWORD is not a usable password (5 characters)")
                .hasMessageContaining("at least 16").hasMessageNotContaining("short");
        assertThatThrownBy(() -> ServerPassword.parse("a-long-one-with'quote")).hasMessageContaining("letters, digits and . _ ~ + / = -")
                .hasMessageNotContaining("quote");
        assertThatThrownBy(() -> ServerPassword.parse("a long one with spaces")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aServerBeyondLoopbackNeedsOneAndOneOnLoopbackDoesNot() {
        ServerPassword.requireBeyondLoopback("east's server", "127.0.1.1"); // the lab's: trusts 127.0.0.0/8 without one
        if (System.getenv(ServerPassword.ENV) == null) {
            assertThatThrownBy(() -> ServerPassword.requireBeyondLoopback("east's server", "10.0.1.5"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("east's server would listen on 10.0.1.5, beyond loopback, where it needs a password: set"
                            + " PILOTLIGHT_POSTGRES_PASSWORD (the same on every region's agent; e.g. openssl rand -base64 24)");
        }
    }
}
