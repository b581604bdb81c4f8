package org.teleopmon.streamer.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.teleopmon.api.Operator;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.SessionQuery;
import org.teleopmon.api.usage.UsageGrouping;
import org.teleopmon.api.usage.UsageTotal;

/**
 * The fallback without the ledger: the same filters and totals over the engine's recent sessions. The
 * engine knows no robot id, so {@code by=robot} groups by robot type.
 */
final class MemorySessions {

    private MemorySessions() {
    }

    static List<SessionRecord> matching(List<SessionRecord> sessions, SessionQuery query) {
        return sessions.stream().filter(s -> inRange(s, query.from(), query.to()))
                .filter(s -> query.operator() == null || s.operators().stream()
                        .anyMatch(o -> o.id().equals(query.operator()) || o.name().equals(query.operator())))
                .filter(s -> query.robot() == null || s.robotType().equals(query.robot()))
                .limit(query.limit()).toList();
    }

    static LedgerSession asLedger(SessionRecord session) {
        return new LedgerSession(session, null, 0, null, null, null, null, null);
    }

    static List<UsageTotal> usage(List<SessionRecord> sessions, Instant from, Instant to, UsageGrouping by) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (SessionRecord s : sessions) {
            if (!inRange(s, from, to)) {
                continue;
            }
            switch (by) {
                case OPERATOR -> {
                    if (s.operators().isEmpty()) {
                        groups.computeIfAbsent("", k -> new Group("", "")).add(s);
                    }
                    for (Operator o : s.operators().stream().distinct().toList()) {
                        groups.computeIfAbsent(o.id(), k -> new Group(o.id(), o.name())).add(s);
                    }
                }
                case DAY -> {
                    String day = s.start().atOffset(ZoneOffset.UTC).toLocalDate().toString();
                    groups.computeIfAbsent(day, k -> new Group(day, day)).add(s);
                }
                case ROBOT -> groups.computeIfAbsent(s.robotType(), k -> new Group(k, k)).add(s);
            }
        }
        Comparator<UsageTotal> order = by == UsageGrouping.DAY ? Comparator.comparing(UsageTotal::key)
                : Comparator.comparing(UsageTotal::time).reversed();
        return groups.values().stream().map(Group::total).sorted(order).toList();
    }

    private static boolean inRange(SessionRecord s, Instant from, Instant to) {
        return (from == null || !s.start().isBefore(from)) && (to == null || s.start().isBefore(to));
    }

    private static final class Group {
        private final String key;
        private final String label;
        private long sessions;
        private Duration time = Duration.ZERO;
        private final Map<String, double[]> weighted = new HashMap<>();

        Group(String key, String label) {
            this.key = key;
            this.label = label;
        }

        void add(SessionRecord s) {
            sessions++;
            time = time.plus(s.duration());
            s.summary().forEach((metric, f) -> {
                if (f.samples() > 0 && Double.isFinite(f.mean())) {
                    double[] sum = weighted.computeIfAbsent(metric, m -> new double[2]);
                    sum[0] += f.mean() * f.samples();
                    sum[1] += f.samples();
                }
            });
        }

        UsageTotal total() {
            Map<String, Double> quality = new HashMap<>();
            weighted.forEach((metric, sum) -> quality.put(metric, sum[0] / sum[1]));
            return new UsageTotal(key, label, sessions, time, quality);
        }
    }
}
