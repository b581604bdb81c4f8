package org.teleopmon.streamer.internal;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.TeleopMonitor;
import org.teleopmon.api.usage.SessionPage;
import org.teleopmon.api.usage.SessionQuery;
import org.teleopmon.api.usage.UsageGrouping;
import org.teleopmon.api.usage.UsageLedger;
import org.teleopmon.api.usage.UsageTotal;
import org.teleopmon.wire.Wire;

/**
 * {@code /sessions}, {@code /sessions/{id}} and {@code /usage}: from the usage ledger when it runs, else
 * from the engine's recent sessions in memory (said in {@code source} and {@code note}).
 */
final class UsageApi {

    static final String CSV = "text/csv; charset=utf-8";
    static final String MEMORY_NOTE = "the usage ledger (feature teleop-ledger) is not running: these are the "
            + "engine's recent sessions, kept in memory and lost when it stops";

    private final Sources sources;

    UsageApi(Sources sources) {
        this.sources = sources;
    }

    HttpReply sessions(Query query) {
        int limit = query.intValue("limit", 50, 1, SessionQuery.MAX_LIMIT);
        boolean csv = csv(query);
        SessionQuery wanted;
        try {
            wanted = new SessionQuery(instant(query, "from"), instant(query, "to"), query.value("operator"),
                    query.value("robot"), limit, query.value("cursor"));
        } catch (IllegalArgumentException e) {
            throw new BadQuery(e.getMessage());
        }
        Optional<UsageLedger> ledger = sources.ledger();
        if (ledger.isPresent()) {
            SessionPage page = read(() -> ledger.get().sessions(wanted));
            if (csv) {
                return HttpReply.text(CSV, Wire.sessionsCsv(page.sessions()));
            }
            ObjectNode node = Wire.object();
            node.put("source", "ledger");
            node.set("sessions", Wire.array(page.sessions()));
            node.put("next_cursor", page.nextCursor());
            return HttpReply.ok(node);
        }
        Optional<TeleopMonitor> monitor = sources.monitor();
        if (monitor.isEmpty()) {
            return unavailable();
        }
        if (wanted.cursor() != null) {
            throw new BadQuery("\"cursor\" pages the usage ledger, which is not running (feature teleop-ledger)");
        }
        List<SessionRecord> sessions = MemorySessions.matching(monitor.get().getSessions(), wanted);
        if (csv) {
            return HttpReply.text(CSV, Wire.sessionsCsv(sessions.stream().map(MemorySessions::asLedger).toList()));
        }
        ObjectNode node = Wire.object();
        node.put("source", "memory");
        node.put("note", MEMORY_NOTE);
        node.set("sessions", Wire.array(sessions));
        node.putNull("next_cursor");
        return HttpReply.ok(node);
    }

    HttpReply session(Query query, String id) {
        Optional<UsageLedger> ledger = sources.ledger();
        Optional<?> found;
        if (ledger.isPresent()) {
            found = read(() -> ledger.get().session(id));
        } else if (sources.monitor().isPresent()) {
            found = sources.monitor().get().getSessions().stream().filter(s -> s.id().equals(id)).findFirst();
        } else {
            return unavailable();
        }
        if (found.isEmpty()) {
            return HttpReply.error(404, "not_found", "no session " + Strings.clip(id, 80)
                    + (ledger.isPresent() ? " in the usage ledger" : " in the engine's memory; " + MEMORY_NOTE));
        }
        ObjectNode node = Wire.object(found.get());
        node.put("source", ledger.isPresent() ? "ledger" : "memory");
        return HttpReply.ok(node);
    }

    HttpReply usage(Query query) {
        String by = query.value("by") == null ? "operator" : query.value("by");
        UsageGrouping grouping = UsageGrouping.fromWireName(by)
                .orElseThrow(() -> new BadQuery("\"by\" must be operator, day or robot, not \"" + Strings.clip(by, 40) + "\""));
        Instant from = instant(query, "from");
        Instant to = instant(query, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadQuery("\"from\" must be before \"to\"");
        }
        boolean csv = csv(query);
        Optional<UsageLedger> ledger = sources.ledger();
        List<UsageTotal> totals;
        if (ledger.isPresent()) {
            totals = read(() -> ledger.get().usage(from, to, grouping));
        } else if (sources.monitor().isPresent()) {
            totals = MemorySessions.usage(sources.monitor().get().getSessions(), from, to, grouping);
        } else {
            return unavailable();
        }
        if (csv) {
            return HttpReply.text(CSV, Wire.usageCsv(grouping.wireName(), totals));
        }
        ObjectNode node = Wire.object();
        node.put("source", ledger.isPresent() ? "ledger" : "memory");
        if (ledger.isEmpty()) {
            node.put("note", MEMORY_NOTE);
        }
        node.put("by", grouping.wireName());
        node.set("from", from == null ? null : Wire.object().numberNode(Wire.epochSeconds(from)));
        node.set("to", to == null ? null : Wire.object().numberNode(Wire.epochSeconds(to)));
        node.set("totals", Wire.array(totals));
        return HttpReply.ok(node);
    }

    private static boolean csv(Query query) {
        String format = query.value("format");
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            throw new BadQuery("\"format\" must be json or csv");
        }
        return "csv".equals(format);
    }

    /** Epoch seconds (as the wire writes times), an ISO-8601 instant, or a UTC day (its midnight). */
    static Instant instant(Query query, String name) {
        String value = query.value(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            if (text.matches("\\d+(\\.\\d{1,9})?")) {
                return Instant.ofEpochMilli(new BigDecimal(text).movePointRight(3).longValue());
            }
            if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeException | ArithmeticException e) {
            throw new BadQuery("\"" + name + "\" must be epoch seconds, a UTC day (2026-12-07) or an ISO-8601 instant "
                    + "(2026-12-07T13:00:00Z), not \"" + Strings.clip(text, 40) + "\"");
        }
    }

    private static <T> T read(Supplier<T> query) {
        try {
            return query.get();
        } catch (IllegalStateException e) {
            throw new LedgerUnreadable(e.getMessage());
        }
    }

    private static HttpReply unavailable() {
        return HttpReply.error(503, "engine_unavailable",
                "neither the usage ledger (feature teleop-ledger) nor the engine (feature teleop-engine) is running");
    }

    /** The ledger could not read its store now: 503 with the ledger's own message (what to do). */
    static final class LedgerUnreadable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        LedgerUnreadable(String message) {
            super(message, null, false, false);
        }
    }
}
