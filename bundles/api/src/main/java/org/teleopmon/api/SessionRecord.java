package org.teleopmon.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.teleopmon.api.usage.Stalls;

/**
 * One teleoperation session, open or ended.
 *
 * @param id        unique id, increasing with start time
 * @param start     when the session started
 * @param end       when it ended, or {@code null} while open
 * @param duration  its length so far
 * @param operators everyone who operated during it
 * @param robotType the robot type seen
 * @param summary   per {@link Measurements} name: the figures over the session
 * @param endReason why it ended, or {@code null} while open
 * @param stalls    the command stalls so far ({@link Stalls#UNKNOWN} when no detector measured the
 *                  command gaps)
 */
public record SessionRecord(String id, Instant start, Instant end, Duration duration, List<Operator> operators,
        String robotType, Map<String, Figures> summary, EndReason endReason, Stalls stalls) {

    /**
     * Summary of one measurement over a session.
     *
     * @param mean    time-weighted by samples: the mean of the readings seen
     * @param peak    the largest reading
     * @param samples how many readings went into it
     */
    public record Figures(double mean, double peak, long samples) {
    }

    public SessionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        duration = duration == null ? Duration.ZERO : duration;
        operators = operators == null ? List.of() : List.copyOf(operators);
        robotType = robotType == null ? "" : robotType;
        summary = summary == null ? Map.of() : Map.copyOf(summary);
        stalls = stalls == null ? Stalls.UNKNOWN : stalls;
    }

    /** A record whose stalls nothing measured, as before stalls were counted. */
    public SessionRecord(String id, Instant start, Instant end, Duration duration, List<Operator> operators,
            String robotType, Map<String, Figures> summary, EndReason endReason) {
        this(id, start, end, duration, operators, robotType, summary, endReason, null);
    }

    /** A record without an end reason, as before end reasons existed. */
    public SessionRecord(String id, Instant start, Instant end, Duration duration, List<Operator> operators,
            String robotType, Map<String, Figures> summary) {
        this(id, start, end, duration, operators, robotType, summary, null, null);
    }

    public boolean isOpen() {
        return end == null;
    }
}
