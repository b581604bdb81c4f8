package org.teleopmon.metrics.internal;

/**
 * The life of one rule for one subject: OK, pending for the rule's {@code for} duration, firing
 * until its clear condition holds. Fires at most once per cooldown; a silenced firing is held
 * back and told once the silence ends, and then (only then) its back-to-normal too.
 */
final class AlertTracker {

    enum Phase { OK, PENDING, FIRING }

    enum Action { NONE, FIRE, RESOLVE }

    private static final long NEVER = Long.MIN_VALUE;

    private Phase phase = Phase.OK;
    private long pendingSince;
    private long lastFired = NEVER;
    private boolean told;
    private double firingValue = Double.NaN;

    Action step(Condition condition, long now, long forMillis, long cooldownMillis, boolean silenced) {
        switch (phase) {
            case OK:
                if (!condition.breached()) {
                    return Action.NONE;
                }
                phase = Phase.PENDING;
                pendingSince = now;
                return pending(condition, now, forMillis, cooldownMillis, silenced);
            case PENDING:
                return pending(condition, now, forMillis, cooldownMillis, silenced);
            default:
                return firing(condition, silenced);
        }
    }

    private Action pending(Condition condition, long now, long forMillis, long cooldownMillis, boolean silenced) {
        if (!condition.breached()) {
            phase = Phase.OK;
            return Action.NONE;
        }
        boolean cooled = lastFired == NEVER || now - lastFired >= cooldownMillis;
        if (now - pendingSince < forMillis || !cooled) {
            return Action.NONE;
        }
        phase = Phase.FIRING;
        lastFired = now;
        firingValue = condition.value();
        told = !silenced;
        return told ? Action.FIRE : Action.NONE;
    }

    private Action firing(Condition condition, boolean silenced) {
        if (condition.cleared()) {
            phase = Phase.OK;
            boolean wasTold = told;
            told = false;
            return wasTold ? Action.RESOLVE : Action.NONE;
        }
        if (!told && !silenced) {
            told = true;
            return Action.FIRE;
        }
        return Action.NONE;
    }

    Phase phase() {
        return phase;
    }

    /** The value that made it fire. */
    double firingValue() {
        return firingValue;
    }
}
