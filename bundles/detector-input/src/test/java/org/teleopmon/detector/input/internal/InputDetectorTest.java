package org.teleopmon.detector.input.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Health;
import org.teleopmon.api.IdentitySource;
import org.teleopmon.testsupport.ChildProcess;

/**
 * The whole detector on a fake root: sysfs directories and FIFOs as event nodes, read by the real
 * poll loop through JNA; events written by this test at pad rates.
 */
class InputDetectorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path root;

    private FakeInputTree tree;
    private InputDetector detector;
    private final List<DetectorSignal> pushed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void tree() throws IOException {
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

    @Test
    void devicesAreListedReadOrLeftAloneByKind() throws IOException {
        tree.add("xbox-wireless-controller", 5, 0, null);
        tree.add("usb-keyboard", 6, -1, null);
        tree.add("mouse", 7, -1, null);
        tree.add("joycon-l-imu", 8, -1, null);
        start();

        await().atMost(WAIT).until(() -> detector.devices().size() == 4);
        List<DeviceRow> rows = detector.devices();
        assertThat(rows).extracting(DeviceRow::node).containsExactly("event5+js0", "event6", "event7", "event8");
        assertThat(rows).extracting(DeviceRow::status).containsExactly("reading event5", "reading event6",
                "not read (pointer: never teleop)", "not read (motion: never teleop)");
        assertThat(rows.get(0).vendorProduct()).isEqualTo("045e:0b13");
        assertThat(detector.health().status()).isEqualTo(Health.Status.OK);
        assertThat(detector.detect().active()).isFalse();
        assertThat(detector.detect().reason()).isEqualTo("2 pads, joysticks or keyboards of 4 input devices, none driven");
    }

    @Test
    void aPadDrivenAt60HertzIsActiveWithItsRateAndOperator() throws Exception {
        Path pad = tree.add("xbox-wireless-controller", 5, 0, null);
        start();
        await().atMost(WAIT).until(() -> detector.devices().size() == 1 && detector.devices().get(0).status()
                .startsWith("reading"));

        try (OutputStream out = Files.newOutputStream(pad)) {
            for (int i = 0; i < 90; i++) {
                out.write(new Records(8, 2).add(Codes.EV_ABS, Codes.ABS_Y, -20000 - (i % 10) * 1000).syn().bytes());
                out.flush();
                Thread.sleep(16);
            }
            out.write(new Records(8, 2).add(Codes.EV_ABS, Codes.ABS_Y, 0).syn().bytes());
            out.flush();
            DetectorSignal signal = detector.detect();
            assertThat(signal.active()).isTrue();
            assertThat(signal.confidence()).as("nobody holds it, every process visible (root)").isEqualTo(40);
            assertThat(signal.measurement("input_rate_hz")).isBetween(40.0, 65.0);
            assertThat(signal.measurement("device_kind")).isEqualTo(1.0);
            assertThat(signal.operators()).singleElement().satisfies(o -> {
                assertThat(o.id()).isEqualTo("mac:44:16:22:6d:77:3f");
                assertThat(o.name()).isEqualTo("Xbox Wireless Controller");
                assertThat(o.source()).isEqualTo(IdentitySource.INPUT_DEVICE);
            });
            assertThat(pushed).anyMatch(DetectorSignal::active);
        }
        await().atMost(WAIT).until(() -> !detector.detect().active());
    }

    @Test
    void aProgramHoldingThePadMakesItStrongEvidence() throws Exception {
        Path pad = tree.add("xbox-wireless-controller", 5, 0, null);
        start();
        await().atMost(WAIT).until(() -> !detector.devices().isEmpty());

        try (ChildProcess holder = ChildProcess.start("holder",
                new ProcessBuilder("/bin/sh", "-c", "exec 3<>'" + pad + "'; exec sleep 600"), null);
                OutputStream out = Files.newOutputStream(pad)) {
            await().atMost(WAIT).until(() -> detector.devices().get(0).consumer().startsWith("sleep (pid "));
            for (int i = 0; i < 60; i++) {
                out.write(new Records(8, 2).add(Codes.EV_KEY, Codes.BTN_DPAD_UP, i % 2).syn().bytes());
                out.flush();
                Thread.sleep(20);
            }
            DetectorSignal signal = detector.detect();
            assertThat(signal.active()).isTrue();
            assertThat(signal.confidence()).isEqualTo(95);
            assertThat(signal.operators().get(0).detail()).contains("held by sleep (pid ");
        }
    }

    @Test
    void hotplugInAndOutIsSeenWithinOneSecond() throws Exception {
        start();
        await().atMost(WAIT).until(() -> detector.devices().isEmpty() && detector.detect() != null);
        Thread.sleep(200);

        long plugged = System.nanoTime();
        tree.addJoyCon(10, 2, 4, "98:B6:E9:12:34:56");
        await().atMost(Duration.ofSeconds(1)).until(() -> detector.devices().size() == 2);
        long seen = System.nanoTime();
        assertThat(detector.devices()).extracting(DeviceRow::status).containsExactly("reading event10",
                "not read (motion: never teleop)");

        tree.remove(10);
        tree.remove(11);
        tree.removeHidraw(4);
        await().atMost(Duration.ofSeconds(1)).until(() -> detector.devices().isEmpty());
        assertThat((seen - plugged) / 1e6).as("ms to see the Joy-Con").isLessThan(1000);
    }

    @Test
    void aSavedConfigurationAppliesAtOnce(@TempDir Path otherRoot) throws IOException {
        tree.add("xbox-wireless-controller", 5, 0, null);
        start();
        await().atMost(WAIT).until(() -> detector.devices().size() == 1 && detector.devices().get(0).status()
                .equals("reading event5"));

        detector.apply(tree.settings("045e:0b13"));
        await().atMost(WAIT).until(() -> detector.devices().size() == 1 && detector.devices().get(0).status()
                .equals("ignored (configuration)"));
        assertThat(detector.detect().reason()).isEqualTo("0 pads, joysticks or keyboards of 1 input devices, none driven");

        FakeInputTree other = new FakeInputTree(otherRoot);
        other.add("usb-keyboard", 7, -1, null);
        detector.apply(other.settings());
        await().atMost(WAIT).until(() -> detector.devices().stream().map(DeviceRow::node).toList()
                .equals(List.of("event7")) && detector.devices().get(0).status().equals("reading event7"));
    }

    @Test
    void unpluggingThePadThatDroveEndsTheTeleoperationAsDeviceGone() throws Exception {
        Path pad = tree.add("xbox-wireless-controller", 5, 0, null);
        start();
        await().atMost(WAIT).until(() -> !detector.devices().isEmpty() && detector.devices().get(0).status()
                .startsWith("reading"));
        try (OutputStream out = Files.newOutputStream(pad)) {
            out.write(new Records(8, 2).add(Codes.EV_ABS, Codes.ABS_X, 30000).syn().bytes());
            out.flush();
            await().atMost(WAIT).until(() -> pushed.stream().anyMatch(DetectorSignal::active));
            tree.remove(5);
        }
        await().atMost(Duration.ofSeconds(1)).until(() -> last().ended() != null);
        DetectorSignal last = last();
        assertThat(last.active()).isFalse();
        assertThat(last.ended().kind()).isEqualTo(EndReason.Kind.DEVICE_GONE);
        assertThat(last.ended().detail()).isEqualTo("Xbox Wireless Controller (mac:44:16:22:6d:77:3f) disconnected "
                + "from event5+js0");
        assertThat(last.ended().at()).isNotNull();
    }

    private DetectorSignal last() {
        return pushed.isEmpty() ? DetectorSignal.idle("input", java.time.Instant.EPOCH) : pushed.get(pushed.size() - 1);
    }
}
