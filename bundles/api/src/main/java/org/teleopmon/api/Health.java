package org.teleopmon.api;

import java.util.Objects;

/**
 * A component's own health, in the levels of Apache Felix health checks.
 *
 * @param status  the level
 * @param message what is wrong and what to do about it; empty when OK
 */
public record Health(Status status, String message) {

    /** Health levels; {@link #httpStatus()} is how the HTTP health endpoint reports them. */
    public enum Status {
        OK(200), WARN(200), TEMPORARILY_UNAVAILABLE(503), CRITICAL(503), HEALTH_CHECK_ERROR(500);

        private final int httpStatus;

        Status(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }

        /** The worse of two levels. */
        public Status worst(Status other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    private static final Health OK = new Health(Status.OK, "");

    public Health {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    public static Health ok() {
        return OK;
    }

    public static Health warn(String message) {
        return new Health(Status.WARN, message);
    }

    public static Health unavailable(String message) {
        return new Health(Status.TEMPORARILY_UNAVAILABLE, message);
    }

    public static Health critical(String message) {
        return new Health(Status.CRITICAL, message);
    }

    public static Health error(String message) {
        return new Health(Status.HEALTH_CHECK_ERROR, message);
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
