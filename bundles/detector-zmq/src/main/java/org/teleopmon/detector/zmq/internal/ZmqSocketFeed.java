package org.teleopmon.detector.zmq.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.teleopmon.api.sockets.SocketInterest;
import org.teleopmon.api.sockets.SocketListener;
import org.teleopmon.api.sockets.SocketSnapshot;

/**
 * Hands the kernel's socket table to the {@link ZmqDetector}: a separate service because a
 * {@link SocketListener}'s {@code interest()} and a packet listener's cannot share one class. It follows the
 * detector: a new configuration (other ports) re-registers it with the new interest.
 */
@Component(service = SocketListener.class)
public class ZmqSocketFeed implements SocketListener {

    private final ZmqDetector detector;

    @Activate
    public ZmqSocketFeed(@Reference ZmqDetector detector) {
        this.detector = detector;
    }

    @Override
    public SocketInterest interest() {
        return detector.socketInterest();
    }

    @Override
    public void onSockets(SocketSnapshot snapshot) {
        detector.onSockets(snapshot);
    }
}
