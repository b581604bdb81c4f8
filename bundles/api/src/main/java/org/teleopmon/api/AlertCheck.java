package org.teleopmon.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A custom alert condition. Register as a service (or through
 * {@link MetricsCollector#addAlertCheck}); the collector evaluates it periodically and applies the
 * same cooldown, {@code for} duration and back-to-normal handling as the built-in rules.
 * A check that throws is isolated and reported as unhealthy.
 */
@ConsumerType
public interface AlertCheck {

    /** Rule name, unique among checks, such as {@code gripper_overheat}. */
    String name();

    Result check(MetricsCollector metrics, TeleopState state);

    /**
     * The outcome of one evaluation.
     *
     * @param firing   whether the condition holds now
     * @param severity how bad it is when firing
     * @param subject  what it is about (a stream, an operator); empty for the whole robot
     * @param value    the observed value, {@code NaN} if none
     * @param message  what a person should read
     */
    record Result(boolean firing, Severity severity, String subject, double value, String message) {

        public Result {
            severity = severity == null ? Severity.WARNING : severity;
            subject = subject == null ? "" : subject;
            message = message == null ? "" : message;
        }

        public static Result ok() {
            return new Result(false, Severity.INFO, "", Double.NaN, "");
        }

        public static Result firing(Severity severity, double value, String message) {
            return new Result(true, severity, "", value, message);
        }
    }
}
