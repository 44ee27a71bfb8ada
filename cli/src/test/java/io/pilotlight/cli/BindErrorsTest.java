package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that cannot bind names the option, the address and the process holding it (issue 13: "Address already in use" alone). */
class BindErrorsTest {

    @Test
    void aTakenListenAddressIsNamedWithItsOptionAndOwner(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            String address = "127.0.0.1:" + taken.getLocalPort();
            CliProcess.Result result = CliProcess.run("store", "coordinator", "--listen", address, "--state", dir.resolve("c.json").toString());
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("cannot listen: --listen " + address).contains("taken by pid " + ProcessHandle.current().pid());
        }
    }
}
