package io.pilotlight.cli;

import io.pilotlight.drill.lab.Ready;

import io.pilotlight.store.coord.CoordinatorServer;
import io.pilotlight.store.coord.InProcessCoordinator;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = {"Serves writer leases and epochs to store nodes (one process). A lease is granted to a new writer",
            "only after the old one lapsed or was released; every grant gets a new epoch. The epoch and the holder are",
            "kept in --state, so a restarted coordinator neither forgets the writer nor grants an epoch twice."})
final class StoreCoordinatorCommand implements Callable<Integer> {
    @Option(names = "--listen", defaultValue = "127.0.0.1:7000", description = "HTTP address (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--state", defaultValue = ".pilotlight/coordinator.json",
            description = "File that keeps the last epoch and holder across restarts (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path state;

    @CommandLine.Mixin
    TokenFileOption tokens;

    @CommandLine.Mixin
    TlsOptions tls;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var auth = tokens.resolve().withTls(tls.resolve());
        io.pilotlight.http.auth.ServerAuth.requireProtected("store coordinator", Addresses.parse("--listen", listen), auth.enabled());
        InProcessCoordinator coordinator = new InProcessCoordinator(Clock.systemUTC(), state);
        CoordinatorServer server = BindErrors.naming(java.util.Map.of("--listen", listen),
                () -> new CoordinatorServer(Addresses.parse("--listen", listen), coordinator, auth));
        spec.commandLine().getOut().println("pilotlight store coordinator: serving on " + auth.scheme() + "://" + listen + " (state in " + state + ")");
        spec.commandLine().getOut().flush();
        Ready.mark("coordinator on " + auth.scheme() + "://" + listen);
        Foreground.holdUntilStopped(() -> {
            server.close();
        });
        return ExitCodes.OK;
    }
}
