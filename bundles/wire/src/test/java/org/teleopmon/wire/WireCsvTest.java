package org.teleopmon.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.usage.LedgerSession;

/** The CSV a spreadsheet reads back: a header, one row a record, quoting where the text needs it. */
class WireCsvTest {

    @Test
    void aSessionRowReadsBackWithItsTimesFiguresAndQuotedDetail() throws IOException {
        SessionRecord s = Samples.ENDED;
        SessionRecord quoted = new SessionRecord(s.id(), s.start(), s.end(), s.duration(), s.operators(), s.robotType(),
                s.summary(), EndReason.of(EndReason.Kind.ROBOT_CLOSED, "closed, \"late\"\nagain", s.end()));
        LedgerSession l = Samples.LEDGER_SESSION;
        LedgerSession session = new LedgerSession(quoted, l.robotId(), l.maxConfidence(), l.detectors(), l.quality(),
                l.stalls(), l.operators(), l.alerts());

        List<Map<String, String>> rows = read(Wire.sessionsCsv(List.of(session)));

        assertThat(rows).hasSize(1);
        Map<String, String> row = rows.get(0);
        assertThat(row).containsEntry("id", s.id()).containsEntry("start_time", "2025-11-25T01:59:55.123Z")
                .containsEntry("end_time", "2025-11-25T02:00:25.123Z").containsEntry("duration_s", "30.0")
                .containsEntry("end_class", "connection_closed").containsEntry("end_reason", "robot_closed")
                .containsEntry("end_detail", "closed, \"late\"\nagain").containsEntry("operators", "alice")
                .containsEntry("operator_ids", "10.0.0.7").containsEntry("latency_ms_p95", "22.400")
                .containsEntry("fps_mean", "").containsEntry("stall_count", "1").containsEntry("alerts_fired", "1");
    }

    @Test
    void anEmptyAnswerStillNamesItsColumns() throws IOException {
        assertThat(Wire.sessionsCsv(List.of())).startsWith("id,start_time,end_time,duration_s,").endsWith("\r\n");
        assertThat(Wire.usageCsv("day", List.of())).startsWith("day,label,sessions,time_s,");
    }

    @Test
    void aUsageRowHasItsKeyTimeAndMeans() throws IOException {
        List<Map<String, String>> rows = read(Wire.usageCsv("operator", List.of(Samples.USAGE_TOTAL)));
        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsEntry("operator", "10.0.0.7")
                .containsEntry("label", "alice").containsEntry("sessions", "3").containsEntry("time_s", "95.0")
                .containsEntry("latency_ms_mean", "12.300").containsEntry("fps_mean", ""));
    }

    private static List<Map<String, String>> read(String csv) throws IOException {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return it.readAll();
        }
    }
}
