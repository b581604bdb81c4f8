package org.teleopmon.wire.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.teleopmon.api.EndReason;
import org.teleopmon.api.Measurements;
import org.teleopmon.api.Operator;
import org.teleopmon.api.usage.LedgerSession;
import org.teleopmon.api.usage.Quality;
import org.teleopmon.api.usage.UsageTotal;

/**
 * Sessions and usage totals as CSV for spreadsheets (RFC 4180, a header row): times as ISO-8601 UTC,
 * durations in seconds, an unknown number empty, lists joined with {@code ;}. One column per state
 * metric figure, in {@link Measurements#STATE_METRICS} order, so every file has the same columns.
 */
public final class UsageCsv {

    private static final CsvMapper CSV = CsvMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

    private UsageCsv() {
    }

    public static String sessions(List<LedgerSession> sessions) {
        List<String> header = new ArrayList<>(List.of("id", "start_time", "end_time", "duration_s", "is_active",
                "robot_type", "robot_id", "end_class", "end_reason", "end_detail", "operator_ids", "operators",
                "max_confidence", "detectors", "alerts_fired", "stall_count", "stall_worst_ms"));
        for (String metric : Measurements.STATE_METRICS) {
            header.addAll(List.of(metric + "_mean", metric + "_min", metric + "_max", metric + "_p95"));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (LedgerSession s : sessions) {
            EndReason reason = s.session().endReason();
            List<Operator> operators = s.operators().isEmpty() ? s.session().operators()
                    : s.operators().stream().map(o -> o.operator()).toList();
            List<Object> row = new ArrayList<>(List.of(s.id(), time(s.session().start()), time(s.session().end()),
                    Units.seconds(s.session().duration()), s.session().isOpen(), s.session().robotType(), s.robotId(),
                    reason == null ? "" : reason.kind().category(), reason == null ? "" : reason.kind().wireName(),
                    reason == null ? "" : reason.detail(),
                    String.join(";", operators.stream().map(Operator::id).toList()),
                    String.join(";", operators.stream().map(Operator::name).toList()),
                    s.maxConfidence(), String.join(";", s.detectors()), s.alertsFired(),
                    s.stalls().counted() ? s.stalls().count() : "", number(s.stalls().worstMs())));
            for (String metric : Measurements.STATE_METRICS) {
                Quality q = s.quality().get(metric);
                row.addAll(q == null ? List.of("", "", "", "")
                        : List.of(number(q.mean()), number(q.min()), number(q.max()), number(q.p95())));
            }
            rows.add(row);
        }
        return write(header, rows);
    }

    public static String usage(String keyColumn, List<UsageTotal> totals) {
        List<String> header = new ArrayList<>(List.of(keyColumn, "label", "sessions", "time_s"));
        Measurements.STATE_METRICS.forEach(m -> header.add(m + "_mean"));
        List<List<Object>> rows = new ArrayList<>();
        for (UsageTotal t : totals) {
            List<Object> row = new ArrayList<>(List.of(t.key(), t.label(), t.sessions(), Units.seconds(t.time())));
            Measurements.STATE_METRICS.forEach(m -> row.add(t.quality().containsKey(m) ? number(t.quality().get(m)) : ""));
            rows.add(row);
        }
        return write(header, rows);
    }

    private static String write(List<String> header, List<List<Object>> rows) {
        CsvSchema schema = CsvSchema.builder().addColumns(header, CsvSchema.ColumnType.STRING).build()
                .withHeader().withLineSeparator("\r\n");
        StringWriter out = new StringWriter();
        try (SequenceWriter writer = CSV.writer(schema).writeValues(out)) {
            for (List<Object> row : rows) {
                writer.write(row);
            }
            if (rows.isEmpty()) {
                // Jackson writes the header with the first row; an empty answer still names its columns.
                return String.join(",", header) + "\r\n";
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV", e);
        }
        return out.toString();
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    private static Object number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "";
    }
}
