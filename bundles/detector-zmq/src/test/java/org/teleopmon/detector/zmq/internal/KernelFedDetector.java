package org.teleopmon.detector.zmq.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;

import org.teleopmon.sockets.internal.Sockets;

/**
 * The ZMQ detector on two free ports, fed through {@link ZmqSocketFeed} by the real sockets bundle reading
 * this JVM's network namespace at the session period (0.1 s), as in the distribution; no packet capture.
 */
final class KernelFedDetector implements AutoCloseable {

    final int commandPort = freePort();
    final int observationPort = freePort();
    final ZmqDetector detector = new ZmqDetector(ZmqSettings.defaults(commandPort, observationPort),
            Clock.systemUTC());
    final Sockets sockets = Sockets.open(Duration.ofSeconds(1), Duration.ofMillis(100));

    KernelFedDetector() {
        sockets.session(true);
        sockets.add(new ZmqSocketFeed(detector));
    }

    @Override
    public void close() {
        sockets.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
