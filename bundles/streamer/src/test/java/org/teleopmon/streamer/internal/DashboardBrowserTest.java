package org.teleopmon.streamer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.teleopmon.api.Alert;
import org.teleopmon.api.DetectorStatus;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Health;
import org.teleopmon.api.EventType;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.api.Operator;
import org.teleopmon.api.OperatorInfo;
import org.teleopmon.api.Reading;
import org.teleopmon.api.SessionRecord;
import org.teleopmon.api.Stall;
import org.teleopmon.api.Severity;
import org.teleopmon.api.TeleopEvent;
import org.teleopmon.api.TeleopState;
import org.teleopmon.api.usage.UsageGrouping;
import org.teleopmon.api.usage.UsageTotal;
import org.teleopmon.testsupport.HeadlessChromium;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/** The dashboard in real headless Chromium: it connects and follows a session from start to stop. */
@Requires({Prerequisite.CHROMIUM, Prerequisite.CHROMEDRIVER})
class DashboardBrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final TestSources sources = new TestSources();
    private final TestSources.Monitor monitor = new TestSources.Monitor();
    private Streamer streamer;
    private HeadlessChromium chromium;
    private ChromeDriver browser;

    @AfterEach
    void stop() throws java.io.IOException {
        if (chromium != null) {
            chromium.close();
        }
        streamer.close();
    }

    @Test
    void theDashboardShowsASessionStartAndStopLive() throws Exception {
        sources.monitor = monitor;
        streamer = new Streamer(sources, Settings.local(0), "0.1.0");
        streamer.start();
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
        browser.get("http://127.0.0.1:" + streamer.port() + "/");

        await().atMost(TIMEOUT).until(() -> text("conn").equals("connected"));
        assertThat(text("state-badge")).isEqualTo("IDLE");
        assertThat(browser.executeScript("return typeof Chart")).isEqualTo("function");

        Instant start = Instant.now().minusSeconds(30);
        Operator alice = new Operator("10.0.0.7", "alice", IdentitySource.NETWORK_PEER, "zmq 5555");
        OperatorInfo info = new OperatorInfo(alice, start, Instant.now(), Set.of("zmq"));
        SessionRecord open = new SessionRecord("s1", start, null, null, List.of(alice), "lekiwi", Map.of());
        TeleopState active = null;
        for (int i = 30; i >= 0; i--) {
            Instant t = Instant.now().minusSeconds(i);
            active = new TeleopState(true, List.of(info), 92, start, Duration.between(start, t), "lekiwi", Map.of(
                    "command_rate_hz", new Reading(29 + (i % 3), "zmq", t),
                    "latency_ms", new Reading(8 + (i % 7) * 2.5, "zmq", t),
                    "bandwidth_mbps", new Reading(32 + (i % 5), "zmq", t),
                    "packet_loss_percent", new Reading(i % 11 == 0 ? 1.5 : 0.2, "zmq", t),
                    "fps", new Reading(30 - (i % 4), "zmq", t)), t);
            if (i == 30) {
                monitor.state = active;
                streamer.onEvent(TeleopEvent.session(EventType.TELEOPERATION_STARTED, active, open));
                streamer.onEvent(TeleopEvent.operator(EventType.OPERATOR_CONNECTED, active, info));
            }
            streamer.onEvent(TeleopEvent.stateUpdate(active));
        }
        streamer.onEvent(TeleopEvent.alert(new Alert("high_latency", "", Severity.WARNING, Alert.State.FIRING,
                EventType.LATENCY_WARNING, 120, 100, "latency 120 ms above 100 ms", Instant.now()), active));

        await().atMost(TIMEOUT).until(() -> text("state-badge").equals("ACTIVE"));
        assertThat(text("operators")).isEqualTo("alice");
        assertThat(text("confidence")).isEqualTo("92 %");
        await().atMost(TIMEOUT).until(() -> text("alerts").contains("latency 120 ms above 100 ms"));
        assertThat(browser.findElements(By.cssSelector("#sessions tr.session-open"))).hasSize(1);
        Number points = (Number) browser.executeScript(
                "return Chart.getChart('chart-latency_ms').data.datasets[0].data.length");
        assertThat(points.intValue()).isGreaterThanOrEqualTo(25);
        screenshot("dashboard-active.png");

        Instant end = start.plusSeconds(30);
        SessionRecord ended = new SessionRecord("s1", start, end, Duration.between(start, end), List.of(alice),
                "lekiwi", Map.of());
        TeleopState idle = TeleopState.idle("lekiwi", end);
        monitor.state = idle;
        streamer.onEvent(TeleopEvent.session(EventType.TELEOPERATION_STOPPED, idle, ended));

        await().atMost(TIMEOUT).until(() -> text("state-badge").equals("IDLE"));
        await().atMost(TIMEOUT).until(() -> browser.findElements(By.cssSelector("#sessions tr.session-ended")).size() == 1);
        assertThat(text("sessions")).contains("30s").contains("alice");
        screenshot("dashboard-stopped.png");
    }

    @Test
    void theUsagePanelShowsTheLedgersTotalsByTheChosenGroupAndRereadsWhenASessionEnds() throws Exception {
        TestSources.Ledger ledger = new TestSources.Ledger();
        ledger.totals.add(new UsageTotal("10.0.0.7", "alice", 3, Duration.ofSeconds(95), Map.of("latency_ms", 12.34)));
        ledger.totals.add(new UsageTotal("10.0.0.8", "bob", 1, Duration.ofSeconds(3725), Map.of()));
        sources.monitor = monitor;
        sources.ledger = ledger;
        streamer = new Streamer(sources, Settings.local(0), "0.1.0");
        streamer.start();
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
        browser.get("http://127.0.0.1:" + streamer.port() + "/");

        await().atMost(TIMEOUT).until(() -> browser.findElements(By.cssSelector("#usage tr.usage-row")).size() == 2);
        List<String> rows = browser.findElements(By.cssSelector("#usage tr.usage-row")).stream()
                .map(r -> r.getText().trim()).toList();
        assertThat(rows).containsExactly("alice (10.0.0.7) 3 1m 35s 12.3 ms", "bob (10.0.0.8) 1 1h 2m 5s –");
        assertThat(text("usage-source")).isEmpty();
        assertThat(ledger.lastUsage).containsExactly(null, null, UsageGrouping.OPERATOR);

        ledger.totals.clear();
        ledger.totals.add(new UsageTotal("2026-12-07", "2026-12-07", 4, Duration.ofSeconds(130), Map.of()));
        browser.findElement(By.cssSelector("#usage-by option[value=day]")).click();
        await().atMost(TIMEOUT).until(() -> text("usage").startsWith("2026-12-07 4 2m 10s"));
        assertThat(text("usage-key")).isEqualTo("Day (UTC)");
        assertThat(ledger.lastUsage).containsExactly(null, null, UsageGrouping.DAY);

        ledger.totals.add(new UsageTotal("2026-12-08", "2026-12-08", 1, Duration.ofSeconds(30), Map.of()));
        Instant start = Instant.now().minusSeconds(30);
        SessionRecord ended = new SessionRecord("s9", start, Instant.now(), Duration.ofSeconds(30), List.of(), "lekiwi",
                Map.of());
        streamer.onEvent(TeleopEvent.session(EventType.TELEOPERATION_STOPPED, TeleopState.idle("lekiwi", Instant.now()),
                ended));
        await().atMost(TIMEOUT).until(() -> browser.findElements(By.cssSelector("#usage tr.usage-row")).size() == 2);
        screenshot("dashboard-usage.png");

        sources.ledger = null;
        monitor.sessions.add(ended);
        browser.findElement(By.cssSelector("#usage-by option[value=robot]")).click();
        await().atMost(TIMEOUT).until(() -> text("usage-source").contains("recent sessions only"));
        assertThat(text("usage")).startsWith("lekiwi (lekiwi) 1 30s");
    }

    @Test
    void theDetectorPanelShowsMeasurementsAndRowsAndSessionsTheirEndReason() throws Exception {
        sources.monitor = monitor;
        monitor.statuses.add(new DetectorStatus("zmq", true, 90, 90, Health.ok(), Instant.now(), 40,
                "LeKiwi commands at 30 Hz", Map.of("command_rate_hz", 30.2, "command_gap_max_ms", 48.0)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            rows.add(Map.of("client", "10.0.0." + i + ":50000", "port", 5555));
        }
        sources.detectors.add(new TestSources.DetectorWithDetails("zmq", rows));
        Instant start = Instant.now().minusSeconds(40);
        monitor.sessions.add(new SessionRecord("s3", start, start.plusSeconds(30), Duration.ofSeconds(30), List.of(),
                "lekiwi", Map.of(), EndReason.of(EndReason.Kind.ROBOT_CLOSED,
                        "robot host closed the command connection after 30 s; see connection_time_s")));
        streamer = new Streamer(sources, Settings.local(0), "0.1.0");
        streamer.start();
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
        browser.get("http://127.0.0.1:" + streamer.port() + "/");

        await().atMost(TIMEOUT).until(() -> text("sessions").contains("robot closed"));
        assertThat(browser.findElement(By.cssSelector("#sessions td.end-reason")).getAttribute("title"))
                .contains("connection_time_s");
        await().atMost(TIMEOUT).until(() -> !browser.findElements(By.cssSelector("#detectors .detector")).isEmpty());
        assertThat(text("detectors")).contains("zmq").contains("command_rate_hz 30.2").contains("command_gap_max_ms 48");
        assertThat(browser.findElements(By.cssSelector("#detectors tr.detector-row"))).hasSize(5);
        assertThat(text("detectors")).contains("5 of 7 rows");

        monitor.statuses.set(0, new DetectorStatus("zmq", true, 90, 90, Health.ok(), Instant.now(), 41,
                "LeKiwi commands at 12 Hz", Map.of("command_rate_hz", 12.5)));
        await().atMost(TIMEOUT).until(() -> text("detectors").contains("command_rate_hz 12.5"));

        Instant stalled = Instant.now().minusSeconds(5);
        streamer.onEvent(TeleopEvent.stall(new Stall(Stall.Kind.COMMAND, "zmq", stalled, stalled.plusMillis(640),
                Duration.ofMillis(500), "s3"), monitor.state));
        await().atMost(TIMEOUT).until(() -> !browser.findElements(By.cssSelector("#stalls li.command")).isEmpty());
        assertThat(text("stalls")).contains("command stall 640 ms").contains("zmq");
        // the band is drawn on the canvas: its middle column, 5 s ago, is the stall's colour, not the chart's
        Number red = (Number) browser.executeScript("""
                const chart = Chart.getChart('chart-command_rate_hz');
                chart.update('none');
                const x = Math.round(chart.scales.x.getPixelForValue(arguments[0] - Date.now() / 1000) * devicePixelRatio);
                const y = Math.round((chart.chartArea.top + 5) * devicePixelRatio);
                return chart.ctx.getImageData(x, y, 1, 1).data[0];""", stalled.plusMillis(320).toEpochMilli() / 1000.0);
        assertThat(red.intValue()).as("red channel inside the stall band").isGreaterThan(60);
        screenshot("dashboard-detectors.png");
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private void screenshot(String name) throws Exception {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
