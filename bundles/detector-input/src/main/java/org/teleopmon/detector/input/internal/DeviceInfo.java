package org.teleopmon.detector.input.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One input device as sysfs describes it: a kernel input device ({@code inputN}) with its event
 * node and, for a pad, its legacy joystick node, plus the hidraw node of the same HID device; or a
 * Joy-Con seen only through hidraw. Immutable.
 *
 * @param id      {@code input5}, or {@code hidraw3} for a device with hidraw only
 * @param event   its event node ({@code <root>/dev/input/event5}), or null
 * @param js      its joystick node ({@code <root>/dev/input/js0}), or null
 * @param hidraw  the hidraw node of its HID device ({@code <root>/dev/hidraw2}), or null
 * @param uniq    the kernel's {@code uniq}: the Bluetooth MAC of a wireless pad, the USB serial, or empty
 */
record DeviceInfo(String id, DeviceKind kind, Family family, String name, String phys, String uniq, int bus,
        int vendor, int product, int version, Capabilities caps, Path event, Path js, Path hidraw) {

    private static final Pattern MAC = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}");

    /** The node the detector reads: the event node, else the joystick node, else hidraw. */
    Path primaryNode() {
        return event != null ? event : js != null ? js : hidraw;
    }

    /** The nodes a consumer process may hold open to use this device. */
    java.util.List<Path> nodes() {
        java.util.List<Path> nodes = new java.util.ArrayList<>(3);
        for (Path node : new Path[] {event, js, hidraw}) {
            if (node != null) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    /** Short node names for people: {@code event5}, {@code event5+js0}, {@code hidraw3}. */
    String nodeNames() {
        StringBuilder names = new StringBuilder();
        for (Path node : new Path[] {event, js, event == null && js == null ? hidraw : null}) {
            if (node != null) {
                names.append(names.length() == 0 ? "" : "+").append(node.getFileName());
            }
        }
        return names.toString();
    }

    /** {@code 045e:0b13}. */
    String vendorProduct() {
        return String.format(Locale.ROOT, "%04x:%04x", vendor, product);
    }

    /** Whether {@code uniq} is a Bluetooth MAC. */
    boolean uniqIsMac() {
        return MAC.matcher(uniq).matches();
    }

    /**
     * The identity the operator directory knows this device by: {@code mac:<uniq>} for a Bluetooth
     * MAC, {@code usb:<uniq>} for a USB serial, else {@code device:<name>}.
     */
    String identity() {
        if (uniqIsMac()) {
            return "mac:" + uniq.toLowerCase(Locale.ROOT);
        }
        if (!uniq.isBlank() && bus == Codes.BUS_USB) {
            return "usb:" + uniq;
        }
        return "device:" + name;
    }

    /**
     * The same physical device, whatever its nodes: a device whose identity or controls changed
     * under the same {@code inputN} is another one (sysfs is mid-removal, or the kernel reused the number).
     */
    boolean sameDeviceAs(DeviceInfo other) {
        return kind == other.kind && caps.equals(other.caps) && name.equals(other.name) && uniq.equals(other.uniq)
                && bus == other.bus && vendor == other.vendor && product == other.product;
    }

    /** The same device (a rescan finds it unchanged). */
    boolean sameAs(DeviceInfo other) {
        return other != null && equals(other);
    }
}
