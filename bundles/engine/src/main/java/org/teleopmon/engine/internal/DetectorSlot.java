package org.teleopmon.engine.internal;

import java.time.Duration;
import java.time.Instant;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Health;

/** What the engine knows of one detector: its latest view, its health and whether it may contribute. */
final class DetectorSlot {

    final String name;
    int instances;
    Integer propertyWeight;
    DetectorSignal latest;
    /** Timestamp of the last view that saw teleoperation. */
    Instant activeAt;
    /**
     * Timestamp of the last view that saw teleoperation strongly enough to start a session on its own
     * (confidence at the start threshold): only such a detector carries a session, and a teardown waits
     * for every carrier. One that merely corroborates (a flow pattern at 50, a port match at 30) does
     * not keep a session open after its carriers reported the connection closed.
     */
    Instant carriedAt;
    /** Engine time when the view last changed; drives the silence timeout. */
    Instant freshAt;
    long signals;
    Health reported = Health.ok();
    String failure;
    Instant goneAt;

    DetectorSlot(String name) {
        this.name = name;
    }

    /**
     * Takes a view; false when it is not new (the same view polled again) or older than the one held,
     * as when a poll that began before a push returns after it. A held view from the future means
     * the clock stepped back: then the newer arrival wins.
     */
    boolean accept(DetectorSignal signal, Instant now) {
        if (latest != null && (signal == latest || signal.equals(latest)
                || signal.timestamp().isBefore(latest.timestamp()) && !latest.timestamp().isAfter(now))) {
            return false;
        }
        latest = signal;
        freshAt = now;
        if (signal.active()) {
            activeAt = signal.timestamp();
        }
        signals++;
        return true;
    }

    /** Whether this detector saw teleoperation on its own strength at or after {@code since}. */
    boolean carried(Instant since) {
        return carriedAt != null && !carriedAt.isBefore(since);
    }

    /** The end its latest view reports for the teleoperation it saw, or {@code null}. */
    EndReason ended() {
        return latest != null && latest.ended() != null && activeAt != null
                && !latest.timestamp().isBefore(activeAt) ? latest.ended() : null;
    }

    /** When the teleoperation this detector saw ended: the reported time, else the view's. */
    Instant endedAt() {
        EndReason reason = ended();
        return reason == null ? null : reason.at() != null ? reason.at() : latest.timestamp();
    }

    boolean silent(Instant now, Duration timeout) {
        if (freshAt != null && freshAt.isAfter(now)) {
            freshAt = now; // the clock stepped back: restart the silence timer rather than trust the future
        }
        return freshAt == null || Duration.between(freshAt, now).compareTo(timeout) > 0;
    }

    /** Whether its latest view counts in the fusion now. */
    boolean live(Instant now, Duration silence) {
        return goneAt == null && failure == null && latest != null && !silent(now, silence);
    }

    /** A silent view only matters when it claimed something; a quiet idle detector is healthy. */
    private boolean claims() {
        return latest != null && (latest.active() || !latest.operators().isEmpty());
    }

    Health health(Instant now, Duration silence) {
        if (goneAt != null) {
            return Health.unavailable("detector service went away at " + goneAt);
        }
        if (failure != null) {
            return Health.error(failure);
        }
        if (claims() && silent(now, silence)) {
            return Health.warn("silent: no new signal for " + Duration.between(freshAt, now).toMillis()
                    + " ms (silence.timeout " + silence.toMillis() + " ms); not counted");
        }
        return reported;
    }

    DetectorStatus status(int weight, Instant now, Duration silence) {
        return new DetectorStatus(name, latest != null && latest.active(), latest == null ? 0 : latest.confidence(),
                weight, health(now, silence), freshAt, signals, latest == null ? "" : latest.reason(),
                latest == null ? null : latest.measurements());
    }
}
