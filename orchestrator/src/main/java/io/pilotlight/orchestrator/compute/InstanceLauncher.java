package io.pilotlight.orchestrator.compute;

/** How one instance of a service is started in a region: the process, its environment. */
@FunctionalInterface
public interface InstanceLauncher {
    ProcessBuilder launch(String service, String region, int index);
}
