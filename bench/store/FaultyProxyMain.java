import io.pilotlight.faults.Faults;
import io.pilotlight.faults.FaultyProxy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the project's fault-injecting proxy (module faults) as a latency-only link for the store
 * benchmark: the same fixed delay each way, no jitter, on every route. Same command line as
 * LatencyProxy.java (the fallback when the faults module does not build).
 *
 * <pre>java -cp faults.jar:pilotlight.jar:. FaultyProxyMain DELAY_MS LISTEN_HOST:PORT=TARGET_HOST:PORT [...]</pre>
 */
public final class FaultyProxyMain {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FaultyProxyMain DELAY_MS LISTEN_HOST:PORT=TARGET_HOST:PORT [...]");
            System.exit(2);
        }
        Duration oneWay = Duration.ofMillis(Long.parseLong(args[0]));
        List<FaultyProxy> proxies = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] route = args[i].split("=", 2);
            FaultyProxy proxy = FaultyProxy.builder(address(route[1])).listen(address(route[0])).seed(1).start();
            proxy.faults(Faults.none().withLatency(oneWay));
            proxies.add(proxy);
            System.out.println("faulty-proxy: " + proxy.address() + " -> " + proxy.upstream() + ", " + proxy.faults().describe());
        }
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxies.forEach(p -> System.out.println("faulty-proxy: " + p.address() + " " + p.stats()));
            proxies.forEach(FaultyProxy::close);
            stopped.countDown();
        }));
        stopped.await();
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
