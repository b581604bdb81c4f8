package org.teleopmon.engine.command;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;

import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorInfo;

/** How the commands render times, durations and operators. */
final class Formats {

    private Formats() {
    }

    static String duration(Duration d) {
        long s = d.getSeconds();
        return String.format("%02d:%02d:%02d.%01d", s / 3600, s / 60 % 60, s % 60, d.toMillisPart() / 100);
    }

    static String instant(Instant instant) {
        return instant == null ? "-" : instant.toString();
    }

    static String operator(Operator o) {
        String name = o.name().equals(o.id()) ? o.id() : o.name() + " [" + o.id() + "]";
        return name + " (" + o.source().name().toLowerCase() + (o.detail().isEmpty() ? "" : ", " + o.detail()) + ")";
    }

    static String operator(OperatorInfo info) {
        return operator(info.operator()) + " via " + String.join("+", info.detectors()) + ", since "
                + instant(info.firstSeen());
    }

    static String ids(Collection<Operator> operators) {
        return operators.isEmpty() ? "-" : operators.stream().map(Operator::id).collect(Collectors.joining(", "));
    }

    static String number(double value) {
        return Math.abs(value) >= 100 ? String.format("%.0f", value) : String.format("%.2f", value);
    }
}
