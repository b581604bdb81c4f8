package org.teleopmon.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Stall;

/**
 * Command and video stalls, from every detector's views, whatever the detector.
 *
 * <p>A view that carries {@link Measurements#SINCE_LAST_COMMAND_MS} gives the instant of the operator's
 * last command (its timestamp minus that). When that instant moves forward by more than
 * {@code stall.threshold} and the gap began during a session, the gap was a command stall of exactly
 * that length, told once it is over. Every view counts, even one older than the view the engine holds:
 * the instant it gives is absolute, and the view a detector pushes at the first command after a gap is
 * the one that carries that command's own instant.
 *
 * <p>Video stalls the same way from {@link Measurements#SINCE_LAST_FRAME_MS} and
 * {@code video.stall.threshold}. A detector that does not report it but whose {@link Measurements#FPS}
 * was above zero during a session and then reads zero (or drops it) for more than the threshold had a
 * video stall too, from its last flowing view to its first flowing view again; either kind in progress
 * when the session ends is told then, ending at the session's end.
 */
final class StallWatch {

    /** What one detector's views said about commands and frames. */
    private static final class Track {
        Instant lastCommand;
        /** The session open when {@link #lastCommand} was seen; a gap that began outside one is no stall. */
        String commandSession;
        /** The gap in progress ended its session (as a stall) and was counted in it; told when it ends. */
        boolean counted;
        /** Whether the latest view still follows the commands (carries the measurement, no teardown). */
        boolean following;
        Instant lastFlowing;
        String videoSession;
        boolean frozen;
    }

    /** The command stall in progress now, for the {@code command_stall} alert. */
    record InProgress(String detector, Duration gap) {
    }

    private final Map<String, Track> tracks = new HashMap<>();

    /**
     * Takes one view of {@code detector}. Gaps of the open session are added to it; stalls that the view
     * ends go to {@code told}.
     */
    void observe(DetectorSignal view, SessionLog sessions, Settings settings, Consumer<Stall> told) {
        Track track = tracks.computeIfAbsent(view.detector(), name -> new Track());
        String open = sessions.isOpen() ? sessions.id() : null;
        commands(view, track, open, sessions, settings, told);
        video(view, track, open, settings, told);
    }

    private static void commands(DetectorSignal view, Track track, String open, SessionLog sessions,
            Settings settings, Consumer<Stall> told) {
        double since = view.measurement(Measurements.SINCE_LAST_COMMAND_MS);
        boolean newest = track.lastCommand == null || !view.timestamp().isBefore(track.lastCommand);
        if (view.ended() != null) {
            if (track.counted) {
                // the connection closed during a stall that already ended its session: over now
                Instant end = view.ended().at() != null ? view.ended().at() : view.timestamp();
                told.accept(new Stall(Stall.Kind.COMMAND, view.detector(), track.lastCommand,
                        end.isBefore(track.lastCommand) ? track.lastCommand : end, settings.stallThreshold(),
                        track.commandSession));
                track.counted = false;
                track.commandSession = null;
            }
            track.following = false;
            return;
        }
        if (Double.isNaN(since) || since < 0) {
            if (newest) {
                track.following = false;
            }
            return;
        }
        Instant command = view.timestamp().minusNanos(Math.round(since * 1e6));
        if (newest) {
            track.following = true;
        }
        if (track.lastCommand != null && !command.isAfter(track.lastCommand)) {
            return; // no new command; a gap that began before the session stays no stall
        }
        Instant last = track.lastCommand;
        String session = track.commandSession;
        track.lastCommand = command;
        track.commandSession = open;
        boolean counted = track.counted;
        track.counted = false;
        if (last == null || session == null) {
            return;
        }
        Duration gap = Duration.between(last, command);
        if (gap.compareTo(settings.stallThreshold()) > 0) {
            if (!counted) {
                sessions.stall(session, gap);
            }
            told.accept(new Stall(Stall.Kind.COMMAND, view.detector(), last, command,
                    settings.stallThreshold(), session));
        }
    }

    private static void video(DetectorSignal view, Track track, String open, Settings settings,
            Consumer<Stall> told) {
        double since = view.measurement(Measurements.SINCE_LAST_FRAME_MS);
        Instant frame;
        if (!Double.isNaN(since) && since >= 0) {
            frame = view.timestamp().minusNanos(Math.round(since * 1e6));
        } else if (view.measurement(Measurements.FPS) > 0) {
            frame = view.timestamp();
        } else {
            if (track.lastFlowing != null && view.timestamp().isAfter(track.lastFlowing)) {
                track.frozen = true;
            }
            return;
        }
        if (track.lastFlowing != null && !frame.isAfter(track.lastFlowing)) {
            track.frozen |= view.timestamp().isAfter(track.lastFlowing);
            return;
        }
        if (track.lastFlowing != null && track.videoSession != null) {
            Duration gap = Duration.between(track.lastFlowing, frame);
            if (gap.compareTo(settings.videoStallThreshold()) > 0) {
                told.accept(new Stall(Stall.Kind.VIDEO, view.detector(), track.lastFlowing, frame,
                        settings.videoStallThreshold(), track.videoSession));
            }
        }
        track.lastFlowing = frame;
        track.videoSession = open;
        track.frozen = false;
    }

    /** The longest command gap in progress in session {@code id} now, if it passed the threshold. */
    InProgress inProgress(String id, Instant now, Settings settings) {
        InProgress worst = null;
        for (Map.Entry<String, Track> e : tracks.entrySet()) {
            Duration gap = gap(e.getValue(), id, now);
            if (gap != null && gap.compareTo(settings.stallThreshold()) > 0
                    && (worst == null || gap.compareTo(worst.gap()) > 0)) {
                worst = new InProgress(e.getKey(), gap);
            }
        }
        return worst;
    }

    /**
     * The last command {@code detector} saw, while it still follows the commands and has seen none for at
     * least {@code atLeast} in session {@code id}; else {@code null}.
     */
    Instant stalledSince(String detector, String id, Instant now, Duration atLeast) {
        Track track = tracks.get(detector);
        Duration gap = track == null ? null : gap(track, id, now);
        return gap != null && gap.compareTo(atLeast) >= 0 ? track.lastCommand : null;
    }

    private static Duration gap(Track track, String id, Instant now) {
        if (!track.following || track.lastCommand == null || id == null || !id.equals(track.commandSession)
                || now.isBefore(track.lastCommand)) {
            return null;
        }
        return Duration.between(track.lastCommand, now);
    }

    /**
     * Session {@code id} is ending at {@code end} (seen at {@code now}). A command gap in progress that
     * passed the threshold counts in it: when the stall itself ends the session it is told once commands
     * resume (so with its real length), else it is told now, ending at the session's end. A video stall
     * in progress is told now.
     */
    void sessionEnding(String id, Instant end, boolean byStall, Instant now, SessionLog sessions, Settings settings,
            Consumer<Stall> told) {
        for (Map.Entry<String, Track> e : tracks.entrySet()) {
            Track track = e.getValue();
            if (id.equals(track.commandSession) && track.lastCommand != null) {
                Duration gap = gap(track, id, byStall ? now : end);
                boolean stalled = gap != null && gap.compareTo(settings.stallThreshold()) > 0;
                if (stalled) {
                    sessions.stall(id, gap);
                }
                if (stalled && byStall) {
                    track.counted = true;
                } else {
                    if (stalled) {
                        told.accept(new Stall(Stall.Kind.COMMAND, e.getKey(), track.lastCommand, end,
                                settings.stallThreshold(), id));
                    }
                    track.commandSession = null;
                }
            }
            if (id.equals(track.videoSession)) {
                if (track.frozen && end.isAfter(track.lastFlowing)
                        && Duration.between(track.lastFlowing, end).compareTo(settings.videoStallThreshold()) > 0) {
                    told.accept(new Stall(Stall.Kind.VIDEO, e.getKey(), track.lastFlowing, end,
                            settings.videoStallThreshold(), id));
                }
                track.videoSession = null;
                track.frozen = false;
            }
        }
    }

    /** {@code detector} went away: what it followed is forgotten. */
    void forget(String detector) {
        tracks.remove(detector);
    }
}
