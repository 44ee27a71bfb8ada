package io.pilotlight.http;

import io.netty.channel.epoll.Epoll;

/**
 * Whether a server uses epoll (Netty's native transport) or plain NIO. Epoll needs its native
 * library, and from Java 24 loading one without {@code --enable-native-access} prints a
 * restricted-method warning on stderr (where a launcher may expect its first line of output), so
 * epoll is used only where this JVM grants native access (as {@code bin/pilotlight} and every
 * process the CLI starts do); NIO serves everywhere else, with the same behaviour.
 */
final class NativeIo {
    private NativeIo() {
    }

    static boolean useEpoll() {
        return nativeAccessGranted() && Epoll.isAvailable(); // Epoll.isAvailable() loads the library: ask first
    }

    /** Java 22+ can tell ({@code Module.isNativeAccessEnabled}); on Java 21 loading a library never warns. */
    private static boolean nativeAccessGranted() {
        try {
            return (boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(NativeIo.class.getModule());
        } catch (NoSuchMethodException java21) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException unknown) {
            return false;
        }
    }
}
