package io.pilotlight.cli;

import io.pilotlight.sample.SampleService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sample-service", mixinStandardHelpOptions = true,
        description = {"Runs one instance of the sample service: GET /healthz, GET and PUT /items/ID backed by the store.",
            "Several instances may share one address (SO_REUSEPORT). Environment variables REGION, LISTEN and STORE_NODES",
            "(REGION=URL,...) are used when the options are not given, so a compute provider can start it."})
final class SampleServiceCommand implements Callable<Integer> {
    @Option(names = "--region", description = "Region this instance runs in (default: $REGION).")
    String region;

    @Option(names = "--listen", description = "HOST:PORT (default: $LISTEN).")
    String listen;

    @Option(names = "--store", paramLabel = "REGION=URL", description = "Store nodes, repeated (default: $STORE_NODES).")
    List<String> store;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String effectiveRegion = region != null ? region : require("REGION");
        String effectiveListen = listen != null ? listen : require("LISTEN");
        Map<String, String> nodes = new LinkedHashMap<>();
        List<String> entries = store != null ? store
                : System.getenv().getOrDefault("STORE_NODES", "").isBlank() ? List.of() : List.of(System.getenv("STORE_NODES").split(","));
        for (String entry : entries) {
            String[] parts = entry.split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("store node \"" + entry + "\" is not REGION=URL");
            }
            nodes.put(parts[0], parts[1]);
        }
        SampleService service = BindErrors.naming(java.util.Map.of("--listen", effectiveListen),
                () -> new SampleService(Addresses.parse("--listen", effectiveListen), effectiveRegion, nodes));
        spec.commandLine().getOut().println("pilotlight sample-service: " + effectiveRegion + " serving on http://" + effectiveListen);
        spec.commandLine().getOut().flush();
        Foreground.holdUntilStopped(() -> {
            service.close();
        });
        return ExitCodes.OK;
    }

    private static String require(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("give --" + variable.toLowerCase() + " or set $" + variable);
        }
        return value;
    }
}
