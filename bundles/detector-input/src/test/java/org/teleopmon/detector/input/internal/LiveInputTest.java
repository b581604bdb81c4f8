package org.teleopmon.detector.input.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Requires;

/**
 * The detector on a fake root driven by another process at real rates: {@code live/input_writer.py}
 * (Debian's python3) writes {@code struct input_event}s into the FIFOs that stand for device nodes
 * while this test plugs and unplugs devices: a pad hotplugged and driven at 60 Hz while someone types
 * prose on the keyboard, a Joy-Con named by its MAC, prose alone.
 */
@Requires(Prerequisite.PYTHON)
class LiveInputTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String JOYCON_MAC = "98:B6:E9:12:34:56";

    @TempDir
    Path root;

    private FakeInputTree tree;
    private InputDetector detector;
    private final List<DetectorSignal> pushed = new CopyOnWriteArrayList<>();
    private final List<String> writerLines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void tree() throws Exception {
        tree = new FakeInputTree(root);
    }

    @AfterEach
    void stop() {
        if (detector != null) {
            detector.deactivate();
        }
    }

    private void start() {
        detector = tree.startDetector();
        detector.listeners.add(pushed::add);
    }

    private ChildProcess writer(String... jobs) throws URISyntaxException {
        List<String> command = new ArrayList<>(List.of(Prerequisite.PYTHON3, resource("input_writer.py")));
        command.addAll(List.of(jobs));
        return ChildProcess.start("input-writer", new ProcessBuilder(command), writerLines::add);
    }

    private static String resource(String name) throws URISyntaxException {
        return Path.of(LiveInputTest.class.getResource("/live/" + name).toURI()).toString();
    }

    private boolean reading(String node) {
        return detector.devices().stream().anyMatch(r -> r.node().equals(node) && r.status().startsWith("reading"));
    }

    @Test
    void aPadPluggedInAndDrivenAt60HertzWhileProseIsTypedIsOneGamepadSessionThatEndsWhenUnplugged() throws Exception {
        Path keyboard = tree.add("usb-keyboard", 6, -1, null);
        start();
        await().atMost(WAIT).until(() -> reading("event6"));

        long plugged = System.nanoTime();
        Path pad = tree.add("xbox-wireless-controller", 5, 0, null);
        await().atMost(Duration.ofSeconds(1)).until(() -> reading("event5+js0"));
        double pluggedInMs = (System.nanoTime() - plugged) / 1e6;

        try (ChildProcess writer = writer("pad:" + pad + ":60:6", "type:" + keyboard + ":" + resource("prose.txt"))) {
            await().atMost(Duration.ofSeconds(3)).until(() -> detector.detect().active());
            Thread.sleep(2200); // the rate is counted over the last 2 s
            DetectorSignal driven = detector.detect();
            assertThat(driven.active()).isTrue();
            assertThat(driven.measurement("device_kind")).as("the pad leads, not the keyboard").isEqualTo(1.0);
            assertThat(driven.measurement("input_rate_hz")).isCloseTo(60.0, within(12.0));
            assertThat(driven.measurement("active_controls")).isGreaterThanOrEqualTo(1.0);
            assertThat(driven.operators()).extracting(o -> o.id()).containsExactly("mac:44:16:22:6d:77:3f");
            await().atMost(WAIT).until(() -> writerLines.stream().anyMatch(l -> l.startsWith("done pad:")));
            await().atMost(WAIT).until(() -> !detector.detect().active());
            // the typing goes on: teleop letters counted, never driving
            Thread.sleep(2000);
            assertThat(detector.detect().active()).isFalse();
            assertThat(detector.detect().measurement("teleop_keys_lekiwi_presses_total")).isGreaterThan(5.0);
            assertThat(detector.detect().measurement("teleop_keys_lekiwi_repeats_total")).isZero();
            writer.terminate(Duration.ofSeconds(2));
        }
        assertThat(pushed).filteredOn(DetectorSignal::active).allSatisfy(s ->
                assertThat(s.measurement("device_kind")).isEqualTo(1.0));

        tree.remove(5);
        await().atMost(Duration.ofSeconds(1)).until(() -> !reading("event5+js0"));
        assertThat(detector.devices()).extracting(DeviceRow::node).containsExactly("event6");
        assertThat(pluggedInMs).as("ms until the plugged pad was read").isLessThan(1000);
    }

    @Test
    void aJoyConIsTheOperatorByItsMacAndLeavesAsDeviceGone() throws Exception {
        start();
        await().atMost(WAIT).until(() -> detector.health() != null && detector.devices().isEmpty());
        Path joycon = tree.addJoyCon(10, 2, 4, JOYCON_MAC);
        await().atMost(Duration.ofSeconds(1)).until(() -> reading("event10+js2"));

        try (ChildProcess writer = writer("pad:" + joycon + ":60:30")) {
            await().atMost(WAIT).until(() -> detector.detect().active());
            Thread.sleep(2200); // the rate is counted over the last 2 s
            DetectorSignal driven = detector.detect();
            assertThat(driven.operators()).singleElement().satisfies(o -> {
                assertThat(o.id()).isEqualTo("mac:98:b6:e9:12:34:56");
                assertThat(o.name()).isEqualTo("Joy-Con (L)");
            });
            assertThat(driven.measurement("input_rate_hz")).isCloseTo(60.0, within(12.0));
            tree.remove(10);
            tree.remove(11);
            tree.removeHidraw(4);
            await().atMost(Duration.ofSeconds(1)).until(() -> pushed.get(pushed.size() - 1).ended() != null);
            writer.terminate(Duration.ofSeconds(2));
        }
        DetectorSignal last = pushed.get(pushed.size() - 1);
        assertThat(last.active()).isFalse();
        assertThat(last.ended().kind()).isEqualTo(EndReason.Kind.DEVICE_GONE);
        assertThat(last.ended().detail()).startsWith("Joy-Con (L) (mac:98:b6:e9:12:34:56) disconnected from event10");
        await().atMost(Duration.ofSeconds(1)).until(() -> detector.devices().isEmpty());
    }

    @Test
    void proseTypedAloneNeverLooksTeleoperated() throws Exception {
        Path keyboard = tree.add("usb-keyboard", 6, -1, null);
        start();
        await().atMost(WAIT).until(() -> reading("event6"));

        try (ChildProcess writer = writer("type:" + keyboard + ":" + resource("prose.txt"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                assertThat(detector.detect().active()).isFalse();
                return writerLines.stream().anyMatch(l -> l.startsWith("done type:"));
            });
            assertThat(writer.awaitExit(WAIT)).isZero();
        }
        DetectorSignal after = detector.detect();
        assertThat(after.active()).isFalse();
        assertThat(after.measurement("teleop_keys_lekiwi_presses_total")).as("w, s, a, d, r, f, z, x in the prose")
                .isGreaterThan(20.0);
        assertThat(after.measurement("teleop_keys_xle_presses_total")).isGreaterThan(15.0);
        assertThat(pushed).noneMatch(DetectorSignal::active);
        assertThat(detector.devices().get(0).lastEvent()).as("teleop keys were seen").isNotNull();
    }
}
