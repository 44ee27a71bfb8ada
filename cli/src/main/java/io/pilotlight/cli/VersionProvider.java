package io.pilotlight.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = PilotlightCommand.class.getPackage().getImplementationVersion();
        return new String[] {"pilotlight " + (version == null ? "development build" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")"};
    }
}
