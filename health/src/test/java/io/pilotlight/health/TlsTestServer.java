package io.pilotlight.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** An HTTPS endpoint on 127.0.0.1 that answers 200 "ok" and remembers the SNI names clients sent. */
final class TlsTestServer implements AutoCloseable {
    private final SSLServerSocket listener;
    final List<String> sniNames = new CopyOnWriteArrayList<>();
    final List<String> handshakeFailures = new CopyOnWriteArrayList<>();

    TlsTestServer(SSLContext context) throws IOException {
        listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                SSLSocket socket = (SSLSocket) listener.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            socket.startHandshake();
            for (SNIServerName name : ((ExtendedSSLSession) socket.getSession()).getRequestedServerNames()) {
                sniNames.add(((SNIHostName) name).getAsciiName());
            }
            InputStream in = socket.getInputStream();
            int last4 = 0;
            while (last4 != 0x0d0a0d0a) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                last4 = (last4 << 8) | b;
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            handshakeFailures.add(String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
