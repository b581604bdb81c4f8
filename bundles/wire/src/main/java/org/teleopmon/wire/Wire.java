package org.teleopmon.wire;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.Health;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.UsageTotal;
import org.teleopmon.wire.internal.Envelope;
import org.teleopmon.wire.internal.EventData;
import org.teleopmon.wire.internal.Units;
import org.teleopmon.wire.internal.UsageCsv;
import org.teleopmon.wire.internal.WireModule;

/**
 * The API records as JSON, the way a user of the HTTP API sees them: snake_case names, times in
 * epoch seconds with millisecond precision, durations in seconds, {@code null} for an unknown number,
 * enums in lower case (health levels excepted: they are the Felix names). Thread-safe.
 *
 * <p>Records of {@code org.teleopmon.api} (and lists or maps of them, and {@link JsonNode}s) may be
 * given to every method taking an {@code Object}.
 */
public final class Wire {

    private static final ObjectMapper MAPPER = WireModule.mapper();

    private Wire() {
    }

    /** The records' serializers, to register on a mapper of one's own. */
    public static Module module() {
        return new WireModule();
    }

    /** JSON text of a record, a collection of them, or a tree. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** UTF-8 JSON of a record, a collection of them, or a tree. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** A record as a tree, to add fields to (an HTTP answer that is a record plus more). */
    public static ObjectNode object(Object record) {
        return MAPPER.valueToTree(record);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array(Collection<?> records) {
        return MAPPER.valueToTree(records);
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Parses a JSON text (a client's message) into a tree. */
    public static JsonNode read(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /**
     * One detector as {@code GET /detectors} and {@code detector_update} show it: the engine's
     * {@link DetectorStatus} (measurements included), one page of the rows its service's
     * {@code details()} gives, and how many rows there are in all.
     */
    public static ObjectNode detector(DetectorStatus status, List<? extends Map<String, ?>> rows, long total) {
        ObjectNode node = object(status);
        return withRows(node, rows, total);
    }

    /**
     * A detector service the engine does not know (no engine runs): its name, its own health and one
     * page of its rows.
     */
    public static ObjectNode detector(String name, Health health, List<? extends Map<String, ?>> rows, long total) {
        ObjectNode node = object();
        node.put("name", name);
        node.set("health", object(health));
        return withRows(node, rows, total);
    }

    /** A detector whose {@code details()} threw: the entry says so instead of giving rows. */
    public static ObjectNode detectorRowsFailed(ObjectNode entry, Throwable failure) {
        entry.remove("details");
        entry.remove("details_total");
        entry.put("details_error", "details() threw " + failure.getClass().getSimpleName());
        return entry;
    }

    /**
     * The {@code data} of a {@code detector_update} message: every detector ({@link #detector}), each
     * with at most {@code rowLimit} rows (the rest: {@code GET /detectors/{name}?offset=}).
     */
    public static ObjectNode detectorUpdate(List<ObjectNode> detectors, int rowLimit) {
        ObjectNode node = object();
        node.put("details_limit", rowLimit);
        ArrayNode list = node.putArray("detectors");
        detectors.forEach(list::add);
        return node;
    }

    private static ObjectNode withRows(ObjectNode node, List<? extends Map<String, ?>> rows, long total) {
        node.set("details", array(rows));
        node.put("details_total", total);
        return node;
    }

    /**
     * The {@code data} of an event's message: the alert for a warning or {@code alert_resolved}, the
     * state for {@code state_update}, else {@code operator} or {@code session} with {@code state}.
     */
    public static ObjectNode eventData(TeleopEvent event) {
        return MAPPER.valueToTree(new EventData(event));
    }

    /**
     * A numbered message: {@code {"type", "seq", "timestamp", "data"}}. An event written alone
     * ({@link #write(Object)} of a {@link TeleopEvent}) is the same without {@code seq}.
     */
    public static String message(String type, long seq, Instant timestamp, Object data) {
        return write(new Envelope(type, seq, timestamp, data));
    }

    /**
     * Ledger sessions as CSV for spreadsheets: a header row, then one row a session; times ISO-8601 UTC,
     * durations in seconds, each state metric's mean, min, max and p95 (docs/wire.md).
     */
    public static String sessionsCsv(List<LedgerSession> sessions) {
        return UsageCsv.sessions(sessions);
    }

    /** Usage totals as CSV: {@code keyColumn} (operator, day, robot), label, sessions, time_s, means. */
    public static String usageCsv(String keyColumn, List<UsageTotal> totals) {
        return UsageCsv.usage(keyColumn, totals);
    }

    /** An instant as the wire writes it: epoch seconds, milliseconds as three decimals; null stays null. */
    public static BigDecimal epochSeconds(Instant instant) {
        return Units.epochSeconds(instant);
    }

    /** A duration as the wire writes it: seconds with millisecond precision; null is zero. */
    public static double seconds(Duration duration) {
        return Units.seconds(duration);
    }
}
