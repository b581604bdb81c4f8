package org.teleopmon.detector.network.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.teleopmon.api.sockets.Protocol;
import org.teleopmon.api.sockets.SocketInterest;
import org.teleopmon.api.sockets.SocketListener;
import org.teleopmon.api.sockets.SocketSnapshot;

/**
 * The network detector's {@link SocketListener}: every TCP socket of the kernel's table, handed to the
 * detector. A component of its own because a {@link org.teleopmon.api.capture.PacketListener} and a
 * {@code SocketListener} each declare an {@code interest()}. Without the sockets bundle nobody calls it.
 */
@Component(service = SocketListener.class, immediate = true)
public class NetworkSockets implements SocketListener {

    private final NetworkDetector detector;

    @Activate
    public NetworkSockets(@Reference NetworkDetector detector) {
        this.detector = detector;
    }

    @Override
    public SocketInterest interest() {
        return SocketInterest.all(Protocol.TCP);
    }

    @Override
    public void onSockets(SocketSnapshot snapshot) {
        detector.onSockets(snapshot);
    }
}
