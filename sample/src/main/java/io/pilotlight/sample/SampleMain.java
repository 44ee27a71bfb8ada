package io.pilotlight.sample;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts one sample-service instance from the environment, as a compute provider launches it:
 * REGION, LISTEN (HOST:PORT), STORE_NODES (REGION=URL,...) or, on PostgreSQL, JDBC_URL (a pgJDBC multi-host URL with
 * targetServerType=primary) and JDBC_LOCAL (the region's own server), and optionally FAULT_FILE and SERVICE_TLS_KEYSTORE
 * (serve HTTPS with the lab's certificate, see {@code LabCertificate}). Prints one line once it serves.
 */
public final class SampleMain {
    private SampleMain() {
    }

    public static void main(String[] args) throws Exception {
        String region = require("REGION");
        String listen = require("LISTEN");
        Map<String, String> nodes = new LinkedHashMap<>();
        String store = System.getenv().getOrDefault("STORE_NODES", "");
        for (String entry : store.isBlank() ? new String[0] : store.split(",")) {
            String[] parts = entry.split("=", 2);
            nodes.put(parts[0], parts[1]);
        }
        int colon = listen.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1)));
        String jdbc = System.getenv("JDBC_URL");
        String keystore = System.getenv("SERVICE_TLS_KEYSTORE");
        io.pilotlight.http.tls.ServerTls tls = keystore == null || keystore.isBlank() ? null
                : io.pilotlight.http.tls.LabCertificate.serverTls(java.nio.file.Path.of(keystore));
        SampleService service = jdbc != null && !jdbc.isBlank()
                ? SampleService.onPostgres(address, region, jdbc, System.getenv().getOrDefault("JDBC_LOCAL", jdbc), faultFile(), tls)
                : new SampleService(address, region, nodes, faultFile(), tls);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }));
        System.out.println("sample-service " + region + " serving on " + (tls == null ? "http" : "https") + "://" + listen);
        System.out.flush();
        exitWithSupervisor();
        stopped.await();
    }

    /**
     * PILOTLIGHT_PARENT_PID (set by `pilotlight lab up` for everything it starts, inherited through the
     * controller) names the lab's supervisor: when it is gone the instance exits, so a crashed lab leaves
     * no instance behind to answer on the next lab's ports. (A controller that crashes alone is not
     * the supervisor: its restart adopts the instances it left.)
     */
    private static void exitWithSupervisor() {
        String parent = System.getenv("PILOTLIGHT_PARENT_PID");
        if (parent == null || parent.isBlank()) {
            return;
        }
        long pid = Long.parseLong(parent.trim());
        Thread.ofPlatform().daemon().name("supervisor-watch").start(() -> {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.exit(0); // the shutdown hook closes the service
        });
    }

    /** FAULT_FILE, when set: where a gray-failure drill asks for injected errors. */
    private static java.nio.file.Path faultFile() {
        String file = System.getenv("FAULT_FILE");
        return file == null || file.isBlank() ? null : java.nio.file.Path.of(file);
    }

    private static String require(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println("sample-service: set " + name);
            System.exit(2);
        }
        return value;
    }
}
