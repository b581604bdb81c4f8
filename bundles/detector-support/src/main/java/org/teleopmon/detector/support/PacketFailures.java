package org.teleopmon.detector.support;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.teleopmon.api.Health;

/**
 * Counts the packets whose handling threw inside a detector: the packet is skipped, the problem
 * logged through a {@link ProblemLog}, and the detector's health says so until it restarts. Counting
 * does not allocate; only the log line does, at most once a minute.
 */
public final class PacketFailures {

    private final String detector;
    private final ProblemLog log;
    private final AtomicLong count = new AtomicLong();

    /** {@code detector} names it in messages, such as {@code "ZMQ detector"}. */
    public PacketFailures(String detector, Logger log) {
        this.detector = detector;
        this.log = new ProblemLog(log);
    }

    /** Records a packet the detector failed on and skipped. */
    public void failed(RuntimeException e) {
        long n = count.incrementAndGet();
        log.warn(detector + " failed on a packet (" + n + " so far), skipped: " + e);
    }

    /** Packets failed on since the detector started. */
    public long count() {
        return count.get();
    }

    /** WARN while any packet failed, else OK. */
    public Health health() {
        long n = count.get();
        return n == 0 ? Health.ok() : Health.warn(n + " packets failed in the " + detector + "; see the log");
    }
}
