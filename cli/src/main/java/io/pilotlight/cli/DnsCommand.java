package io.pilotlight.cli;

import picocli.CommandLine.Command;

@Command(name = "dns", mixinStandardHelpOptions = true,
        description = "The authoritative DNS server with health-checked failover routing.",
        subcommands = {DnsServeCommand.class, DnsReloadCommand.class, DnsHealthCommand.class})
final class DnsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
