package org.teleopmon.api.usage;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.teleopmon.api.Alert;
import org.teleopmon.api.SessionRecord;

/**
 * One session as the ledger keeps it.
 *
 * @param session       the session as the engine reported it (its {@code summary} holds each
 *                      {@link Quality}'s mean, peak and samples)
 * @param robotId       which robot (until a site-wide robot id exists: the host name)
 * @param maxConfidence the highest fused confidence seen during it, 0..100
 * @param detectors     the detectors that saw teleoperation during it, sorted
 * @param quality       per state metric seen during it ({@link org.teleopmon.api.Measurements#STATE_METRICS})
 * @param stalls        command stalls during it
 * @param operators     everyone who operated during it, with when they were seen
 * @param alerts        the alert transitions that happened during it, oldest first
 */
public record LedgerSession(SessionRecord session, String robotId, int maxConfidence, List<String> detectors,
        Map<String, Quality> quality, Stalls stalls, List<SessionOperator> operators, List<Alert> alerts) {

    public LedgerSession {
        Objects.requireNonNull(session, "session");
        robotId = robotId == null ? "" : robotId;
        detectors = detectors == null ? List.of() : List.copyOf(detectors);
        quality = quality == null ? Map.of() : Map.copyOf(quality);
        stalls = stalls == null ? Stalls.UNKNOWN : stalls;
        operators = operators == null ? List.of() : List.copyOf(operators);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    public String id() {
        return session.id();
    }

    /** How many alerts started firing during the session. */
    public long alertsFired() {
        return alerts.stream().filter(a -> a.state() == Alert.State.FIRING).count();
    }
}
