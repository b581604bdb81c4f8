package org.teleopmon.api.sockets;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard for the kernel's socket table. Register as a service; the sockets bundle reads
 * {@link #interest()} when the service appears and recompiles its kernel filter. To change the interest,
 * re-register the service.
 *
 * <p>{@link #onSockets} is called after every reading of the table (every {@code poll.interval}, faster
 * while a teleoperation session is active; PID {@code org.teleopmon.sockets}), with the sockets matching
 * this listener's interest and the changes since the previous call to this listener. A session's faster
 * readings refresh the sockets already known; new sockets appear at the next full reading (within
 * {@code poll.interval}), and a closed connection at once. It runs on the
 * poller's thread: return quickly, never block, never throw (an exception is caught, counted and logged
 * once, and the other listeners still get their snapshot).
 */
@ConsumerType
public interface SocketListener {

    SocketInterest interest();

    void onSockets(SocketSnapshot snapshot);
}
