package org.teleopmon.detector.input.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Discovers input devices the way udev does, from sysfs only (no root, no node opened):
 * {@code <root>/sys/class/input/{eventN,jsN}/device/} gives name, phys, uniq, ids and capabilities,
 * {@code <root>/sys/class/hidraw/hidrawN/device/uevent} the HID id of a hidraw node. Nodes are
 * {@code <root>/dev/input/...} and {@code <root>/dev/hidrawN}. A device that vanishes while it is
 * being read is left for the next scan.
 */
final class SysfsScanner {

    private final Path root;
    private final int wordBits;

    /** @param wordBits the width of the kernel's capability words for this JVM: 64 or 32 */
    SysfsScanner(Path root, int wordBits) {
        this.root = root;
        this.wordBits = wordBits;
    }

    Path inputClass() {
        return root.resolve("sys/class/input");
    }

    Path devInput() {
        return root.resolve("dev/input");
    }

    Path dev() {
        return root.resolve("dev");
    }

    /** The devices now, by id. */
    Map<String, DeviceInfo> scan() {
        Map<Path, String[]> nodesByDevice = new LinkedHashMap<>();
        // The kernel deletes a device's node before its sysfs directory, and creates it after: where
        // dev/input exists, a device without its node is coming or going, and inotify on the node says when.
        boolean nodesShown = Files.isDirectory(devInput());
        for (Path entry : list(inputClass())) {
            String node = entry.getFileName().toString();
            boolean event = node.startsWith("event");
            if (!event && !node.startsWith("js") || nodesShown && !Files.exists(devInput().resolve(node))) {
                continue;
            }
            try {
                Path device = entry.resolve("device").toRealPath();
                String[] nodes = nodesByDevice.computeIfAbsent(device, d -> new String[2]);
                nodes[event ? 0 : 1] = node;
            } catch (IOException gone) {
                // removed while listing: the next scan settles it
            }
        }
        Map<Path, HidrawNode> hidraw = hidrawNodes();
        Map<String, DeviceInfo> devices = new TreeMap<>();
        for (Map.Entry<Path, String[]> e : nodesByDevice.entrySet()) {
            DeviceInfo info = read(e.getKey(), e.getValue()[0], e.getValue()[1], hidraw);
            if (info != null) {
                devices.put(info.id(), info);
            }
        }
        for (HidrawNode node : hidraw.values()) {
            if (!node.claimed && Family.of(node.vendor, node.product).joyCon()) {
                Family family = Family.of(node.vendor, node.product);
                devices.put(node.name, new DeviceInfo(node.name, DeviceKind.GAMEPAD, family, node.hidName,
                        "", node.uniq, node.bus, node.vendor, node.product, 0, Capabilities.NONE, null, null,
                        dev().resolve(node.name)));
            }
        }
        return devices;
    }

    private DeviceInfo read(Path device, String event, String js, Map<Path, HidrawNode> hidraw) {
        try {
            if (!Files.exists(device.resolve("name")) || !Files.exists(device.resolve("capabilities/ev"))) {
                return null; // every input device has both: this one is being removed
            }
            Capabilities caps = new Capabilities(bitmap(device, "capabilities/ev"), bitmap(device, "capabilities/key"),
                    bitmap(device, "capabilities/abs"), bitmap(device, "capabilities/rel"),
                    bitmap(device, "properties"));
            String name = text(device, "name");
            int vendor = hex(device, "id/vendor");
            int product = hex(device, "id/product");
            Family family = Family.of(vendor, product);
            DeviceKind kind = DeviceKind.of(caps);
            if (family.joyCon() && name.toUpperCase(Locale.ROOT).contains("IMU")) {
                kind = DeviceKind.MOTION;
            }
            HidrawNode raw = device.getParent() != null && device.getParent().getFileName() != null
                    && device.getParent().getFileName().toString().equals("input")
                    ? hidraw.get(device.getParent().getParent()) : null;
            if (raw != null) {
                raw.claimed = true;
            }
            return new DeviceInfo(device.getFileName().toString(), kind, family, name, text(device, "phys"),
                    text(device, "uniq"), hex(device, "id/bustype"), vendor, product, hex(device, "id/version"), caps,
                    event == null ? null : devInput().resolve(event), js == null ? null : devInput().resolve(js),
                    raw == null ? null : dev().resolve(raw.name));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** hidraw nodes by the real path of their HID device. */
    private Map<Path, HidrawNode> hidrawNodes() {
        Map<Path, HidrawNode> nodes = new LinkedHashMap<>();
        boolean nodesShown = Files.isDirectory(devInput());
        for (Path entry : list(root.resolve("sys/class/hidraw"))) {
            if (nodesShown && !Files.exists(dev().resolve(entry.getFileName().toString()))) {
                continue;
            }
            try {
                Path device = entry.resolve("device").toRealPath();
                Map<String, String> uevent = uevent(device.resolve("uevent"));
                String[] id = uevent.getOrDefault("HID_ID", "").split(":");
                if (id.length != 3) {
                    continue;
                }
                nodes.put(device, new HidrawNode(entry.getFileName().toString(), Integer.parseInt(id[0], 16),
                        Integer.parseInt(id[1], 16), Integer.parseInt(id[2], 16), uevent.getOrDefault("HID_NAME", ""),
                        uevent.getOrDefault("HID_UNIQ", "")));
            } catch (IOException | NumberFormatException e) {
                // gone or not a HID device: nothing to list
            }
        }
        return nodes;
    }

    private static final class HidrawNode {
        final String name;
        final int bus;
        final int vendor;
        final int product;
        final String hidName;
        final String uniq;
        boolean claimed;

        HidrawNode(String name, int bus, int vendor, int product, String hidName, String uniq) {
            this.name = name;
            this.bus = bus;
            this.vendor = vendor;
            this.product = product;
            this.hidName = hidName;
            this.uniq = uniq;
        }
    }

    private static Map<String, String> uevent(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return values;
    }

    private Bitmap bitmap(Path device, String file) throws IOException {
        try {
            return Bitmap.parse(Files.readString(device.resolve(file), StandardCharsets.US_ASCII), wordBits);
        } catch (NoSuchFileException missing) {
            return Bitmap.EMPTY;
        }
    }

    private static String text(Path device, String file) throws IOException {
        try {
            return Files.readString(device.resolve(file), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException missing) {
            return "";
        }
    }

    private static int hex(Path device, String file) throws IOException {
        String value = text(device, file);
        return value.isEmpty() ? 0 : Integer.parseInt(value, 16);
    }

    private static List<Path> list(Path dir) {
        List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            // unreadable: nothing listed, which health reports as no devices
        }
        entries.sort(null);
        return entries;
    }
}
