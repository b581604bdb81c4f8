package org.teleopmon.detector.input.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parsing and classifying the capability bitmaps of real devices (capabilities/README.md says where
 * each comes from), read through the scanner from a sysfs-shaped tree.
 */
class CapabilitiesTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @CsvSource({
        "xbox-wireless-controller, GAMEPAD, XBOX",
        "joycon-l, GAMEPAD, JOYCON_L",
        "joycon-l-imu, MOTION, JOYCON_L",
        "usb-keyboard, KEYBOARD, NONE",
        "at-keyboard, KEYBOARD, NONE",
        "mouse, POINTER, NONE",
        "touchpad, TOUCHPAD, PLAYSTATION",
        "laptop-touchpad, TOUCHPAD, NONE",
        "dualsense-motion, MOTION, PLAYSTATION"})
    void realDevicesAreClassified(String fixture, DeviceKind kind, Family family) throws IOException {
        new FakeInputTree(root).add(fixture, 5, -1, null);

        Map<String, DeviceInfo> devices = new SysfsScanner(root, 64).scan();

        assertThat(devices).containsOnlyKeys("input5");
        DeviceInfo device = devices.get("input5");
        assertThat(device.kind()).isEqualTo(kind);
        assertThat(device.family()).isEqualTo(family);
        assertThat(device.event()).isEqualTo(root.resolve("dev/input/event5"));
        assertThat(device.kind().read()).isEqualTo(kind == DeviceKind.GAMEPAD || kind == DeviceKind.KEYBOARD);
    }

    @Test
    void theXboxPadsBitsAreTheOnesTheKernelPrinted() throws IOException {
        new FakeInputTree(root).add("xbox-wireless-controller", 5, 0, null);

        DeviceInfo pad = new SysfsScanner(root, 64).scan().get("input5");

        assertThat(pad.name()).isEqualTo("Xbox Wireless Controller");
        assertThat(pad.vendorProduct()).isEqualTo("045e:0b13");
        assertThat(pad.bus()).isEqualTo(Codes.BUS_BLUETOOTH);
        assertThat(pad.uniq()).isEqualTo("44:16:22:6d:77:3f");
        assertThat(pad.identity()).isEqualTo("mac:44:16:22:6d:77:3f");
        assertThat(pad.js()).isEqualTo(root.resolve("dev/input/js0"));
        // 15 buttons BTN_SOUTH..BTN_THUMBR and the Share button, KEY_RECORD (a keyboard-range code)
        assertThat(pad.caps().key().bits()).containsExactly(167, 304, 305, 306, 307, 308, 309, 310, 311, 312, 313,
                314, 315, 316, 317, 318);
        assertThat(pad.caps().abs().bits()).containsExactly(0, 1, 2, 5, 9, 10, 16, 17);
    }

    @Test
    void theJoyConHasItsDpadAsButtonsAndItsImuIsNotAControl() throws IOException {
        FakeInputTree tree = new FakeInputTree(root);
        tree.addJoyCon(7, 1, 2, "98:B6:E9:12:34:56");

        Map<String, DeviceInfo> devices = new SysfsScanner(root, 64).scan();

        DeviceInfo joyCon = devices.get("input7");
        assertThat(joyCon.kind()).isEqualTo(DeviceKind.GAMEPAD);
        assertThat(joyCon.caps().key().has(Codes.BTN_SOUTH)).as("a left Joy-Con has no face buttons").isFalse();
        assertThat(joyCon.caps().key().any(Codes.BTN_DPAD_UP, Codes.BTN_DPAD_RIGHT)).isTrue();
        assertThat(joyCon.identity()).isEqualTo("mac:98:b6:e9:12:34:56");
        assertThat(joyCon.hidraw()).as("the hidraw node of the same HID device").isEqualTo(root.resolve("dev/hidraw2"));
        assertThat(joyCon.nodes()).containsExactly(root.resolve("dev/input/event7"), root.resolve("dev/input/js1"),
                root.resolve("dev/hidraw2"));
        DeviceInfo imu = devices.get("input8");
        assertThat(imu.kind()).isEqualTo(DeviceKind.MOTION);
        assertThat(imu.hidraw()).isEqualTo(root.resolve("dev/hidraw2"));
    }

    @Test
    void aJoyConOnlyHidrawShowsIsAGamepadByItsIds() throws IOException {
        new FakeInputTree(root).addHidrawJoyCon(3, "98:b6:e9:aa:bb:cc");

        Map<String, DeviceInfo> devices = new SysfsScanner(root, 64).scan();

        assertThat(devices).containsOnlyKeys("hidraw3");
        DeviceInfo joyCon = devices.get("hidraw3");
        assertThat(joyCon.kind()).isEqualTo(DeviceKind.GAMEPAD);
        assertThat(joyCon.family()).isEqualTo(Family.JOYCON_L);
        assertThat(joyCon.event()).isNull();
        assertThat(joyCon.primaryNode()).isEqualTo(root.resolve("dev/hidraw3"));
        assertThat(joyCon.identity()).isEqualTo("mac:98:b6:e9:aa:bb:cc");
        assertThat(joyCon.nodeNames()).isEqualTo("hidraw3");
    }

    @ParameterizedTest
    @CsvSource({"xbox-wireless-controller", "joycon-l", "usb-keyboard", "at-keyboard", "mouse", "laptop-touchpad"})
    void aThirtyTwoBitReaderGetsTheSameBits(String fixture) throws IOException {
        FakeInputTree.copyFixture(fixture, root);
        for (String file : new String[] {"ev", "key", "abs", "rel"}) {
            String printed = Files.readString(root.resolve("capabilities/" + file)).strip();
            Bitmap wide = Bitmap.parse(printed, 64);
            String compat = wide.format(32);

            assertThat(Bitmap.parse(compat, 32)).as(file + " of " + fixture + " as 32-bit words: " + compat).isEqualTo(wide);
            assertThat(wide.format(64)).as("the kernel's own text back").isEqualTo(printed);
        }
    }

    @Test
    void thirtyTwoBitWordsAreReadAsSuch() {
        // KEY of a pad as a 32-bit process reads it: BTN_SOUTH..BTN_THUMBR in the ninth word
        Bitmap key = Bitmap.parse("7cdb0000 0 0 0 0 0 0 0 0 0", 32);

        assertThat(key.bits()).containsExactly(304, 305, 307, 308, 310, 311, 314, 315, 316, 317, 318);
        assertThat(Bitmap.parse("7cdb0000 0 0 0 0 0 0 0 0 0", 64).has(304)).as("the same text as 64-bit words")
                .isFalse();
    }

    @Test
    void malformedBitmapsAreRejectedWithoutEchoingThemWhole() {
        assertThatThrownBy(() -> Bitmap.parse("", 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bitmap.parse("12 zz", 64)).hasMessageContaining("'zz'");
        assertThatThrownBy(() -> Bitmap.parse("1".repeat(40), 64)).hasMessageContaining("…");
        assertThat(Bitmap.parse("0", 64).bits()).isEmpty();
        assertThat(Bitmap.parse(" 3\n", 64).bits()).containsExactly(0, 1);
    }

    @Test
    void aDeviceWithAnUnreadableCapabilityFileIsLeftForTheNextScan() throws IOException {
        FakeInputTree tree = new FakeInputTree(root);
        tree.add("xbox-wireless-controller", 5, -1, null);
        tree.add("usb-keyboard", 6, -1, null);
        Files.writeString(root.resolve("sys/devices/virtual/input/input5/capabilities/key"), "not hex\n");

        assertThat(new SysfsScanner(root, 64).scan()).containsOnlyKeys("input6");
    }

    @Test
    void noInputClassMeansNoDevices() {
        assertThat(new SysfsScanner(root.resolve("nowhere"), 64).scan()).isEmpty();
    }
}
