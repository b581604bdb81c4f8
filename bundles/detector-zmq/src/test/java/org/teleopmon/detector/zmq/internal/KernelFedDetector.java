package org.teleopmon.detector.zmq.internal;

import java.time.Clock;
import java.time.Duration;

import org.teleopmon.sockets.internal.Sockets;
import org.teleopmon.testsupport.FreePort;

/**
 * The ZMQ detector on two free ports, fed through {@link ZmqSocketFeed} by the real sockets bundle reading
 * this JVM's network namespace at the session period (0.1 s), as in the distribution; no packet capture.
 */
final class KernelFedDetector implements AutoCloseable {

    final int commandPort = FreePort.next();
    final int observationPort = FreePort.next();
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
}
