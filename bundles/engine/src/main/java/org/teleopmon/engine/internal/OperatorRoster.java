package org.teleopmon.engine.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

import org.teleopmon.api.EventType;
import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorInfo;

/**
 * The operators seen across detectors, merged by {@link Operator#id()}. An operator leaves once no
 * live detector has reported it for the hold time, so that a stall does not read as a disconnect.
 * Names are given on the way out, so that a change of the site's names shows at once.
 */
final class OperatorRoster {

    private static final class Entry {
        final Operator operator;
        final Instant firstSeen;
        Instant lastSeen;
        Set<String> detectors = Set.of();

        Entry(Operator operator, Instant firstSeen) {
            this.operator = operator;
            this.firstSeen = firstSeen;
            this.lastSeen = firstSeen;
        }

        OperatorInfo info(UnaryOperator<Operator> naming) {
            return new OperatorInfo(naming.apply(operator), firstSeen, lastSeen, detectors);
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private UnaryOperator<Operator> naming = UnaryOperator.identity();

    void naming(UnaryOperator<Operator> naming) {
        this.naming = naming;
    }

    /**
     * Updates the roster from what live detectors report now, calling {@code events} for every
     * arrival and departure.
     */
    void update(Map<String, List<Operator>> reportedByDetector, Instant now, Duration hold,
            BiConsumer<EventType, OperatorInfo> events) {
        Map<String, Set<String>> seenBy = new LinkedHashMap<>();
        reportedByDetector.forEach((detector, operators) -> operators.forEach(operator -> {
            seenBy.computeIfAbsent(operator.id(), id -> new HashSet<>()).add(detector);
            Entry entry = entries.get(operator.id());
            if (entry == null) {
                entry = new Entry(operator, now);
                entries.put(operator.id(), entry);
                entry.detectors = Set.of(detector);
                events.accept(EventType.OPERATOR_CONNECTED, entry.info(naming));
            }
        }));
        for (var it = entries.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            Set<String> detectors = seenBy.get(entry.operator.id());
            if (entry.lastSeen.isAfter(now)) {
                entry.lastSeen = now; // the clock stepped back
            }
            if (detectors != null) {
                entry.lastSeen = now;
                entry.detectors = Set.copyOf(detectors);
            } else if (Duration.between(entry.lastSeen, now).compareTo(hold) >= 0) {
                it.remove();
                entry.detectors = Set.of();
                events.accept(EventType.OPERATOR_DISCONNECTED, entry.info(naming));
            } else {
                entry.detectors = Set.of();
            }
        }
    }

    List<OperatorInfo> current() {
        List<OperatorInfo> list = new ArrayList<>(entries.size());
        entries.values().forEach(e -> list.add(e.info(naming)));
        list.sort(Comparator.comparing(OperatorInfo::firstSeen));
        return list;
    }

    List<Operator> operators() {
        return entries.values().stream().map(e -> naming.apply(e.operator)).toList();
    }
}
