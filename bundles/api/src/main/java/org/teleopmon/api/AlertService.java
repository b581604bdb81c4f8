package org.teleopmon.api;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The monitor's alerts: those firing now, the history of transitions, and silences. There is one
 * history, kept by the provider (the metrics bundle); sinks are told of each transition as a
 * {@link TeleopEvent} (a {@code *_warning} or {@code alert_resolved}) through
 * {@link TeleopEventListener} and read this service for what happened before they started.
 */
@ProviderType
public interface AlertService {

    /** Alerts firing now: one per rule and subject, the transition that made it fire. */
    List<Alert> active();

    /** Up to {@code limit} transitions, newest first. */
    List<Alert> history(int limit);

    /** Silences in force now. */
    List<Silence> silences();

    /**
     * Holds back the alerts of {@code rule} (of {@code subject}, or of every subject when it is empty)
     * for {@code duration}. A firing held back is told when the silence ends if it still fires.
     *
     * @throws IllegalArgumentException when the rule is blank or the duration not positive
     */
    Silence silence(String rule, String subject, Duration duration);

    /**
     * Lifts the silences of exactly this rule and subject ({@code ""}: the rule-wide one). A firing they
     * held back is told at the next evaluation.
     *
     * @return the silences lifted; empty when none matched
     */
    List<Silence> unsilence(String rule, String subject);

    /** The rules that can fire now: the built-in ones and the custom {@link AlertCheck}s present. */
    Set<String> rules();
}
