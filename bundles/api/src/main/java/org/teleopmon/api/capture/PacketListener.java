package org.teleopmon.api.capture;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard for decoded packets. Register as a service; the capture bundle reads
 * {@link #interest()} when the service appears and recompiles its kernel filter. To change the
 * interest, re-register the service.
 *
 * <p>{@link #onPacket} runs on the capture thread: return quickly, never block, never throw
 * (an exception is caught, counted and logged once, but it costs the packet).
 */
@ConsumerType
public interface PacketListener {

    CaptureInterest interest();

    void onPacket(Packet packet);
}
