package org.teleopmon.capture.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.capture.CaptureInterest;
import org.teleopmon.api.capture.Packet;
import org.teleopmon.api.capture.PacketListener;

/**
 * Hands each decoded packet once to every listener whose interest matches. The subscription array
 * is replaced, never changed, so dispatch reads it without locking; {@link #dispatchLock()} keeps
 * live capture and replay from calling a listener from two threads at once.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Object lock = new Object();
    private volatile Subscription[] subscriptions = new Subscription[0];
    final LongAdder dispatched = new LongAdder();
    final LongAdder listenerErrors = new LongAdder();
    final LongAdder undecodable = new LongAdder();

    Object dispatchLock() {
        return lock;
    }

    synchronized void add(PacketListener listener, CaptureInterest interest) {
        List<Subscription> next = new ArrayList<>(List.of(subscriptions));
        next.add(new Subscription(listener, interest));
        subscriptions = next.toArray(new Subscription[0]);
    }

    synchronized void remove(PacketListener listener) {
        List<Subscription> next = new ArrayList<>(List.of(subscriptions));
        next.removeIf(s -> s.listener == listener);
        subscriptions = next.toArray(new Subscription[0]);
    }

    List<CaptureInterest> interests() {
        List<CaptureInterest> all = new ArrayList<>();
        for (Subscription s : subscriptions) {
            all.add(s.interest);
        }
        return all;
    }

    List<String> errorsByListener() {
        List<String> all = new ArrayList<>();
        for (Subscription s : subscriptions) {
            if (s.errors.get() > 0) {
                all.add(s.listener.getClass().getName() + ": " + s.errors.get());
            }
        }
        return all;
    }

    boolean isEmpty() {
        return subscriptions.length == 0;
    }

    /** Decodes one frame and dispatches it, or counts it as undecodable. Call with {@link #dispatchLock()} held. */
    void decodeAndDispatch(PacketDecoder decoder, byte[] frame, PcapHandle handle, int linkType) {
        if (decoder.decode(frame, handle.capturedLength, handle.wireLength, linkType, handle.timestampNanos)) {
            dispatch(decoder.packet());
        } else {
            undecodable.increment();
        }
    }

    /** Call with {@link #dispatchLock()} held. */
    void dispatch(Packet packet) {
        for (Subscription s : subscriptions) {
            if (s.matches(packet)) {
                deliver(s, packet);
            }
        }
    }

    private void deliver(Subscription s, Packet packet) {
        dispatched.increment();
        try {
            s.listener.onPacket(packet);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) { // NOPMD: a listener's bug must not stop capture for the others
            listenerErrors.increment();
            s.errors.incrementAndGet();
            if (s.errorLogged.compareAndSet(false, true)) {
                LOG.error("Packet listener {} threw; its packet is lost. Further errors of this listener are "
                        + "only counted (teleop:capture shows them).", s.listener.getClass().getName(), e);
            }
        }
    }
}
