package org.teleopmon.detector.input.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * A fake filesystem root laid out like a robot's: {@code sys/devices/virtual/input/inputN/} holding a
 * fixture's files (see {@code capabilities/README.md}), {@code sys/class/input/eventN} and {@code jsN}
 * linked to it as sysfs does, and FIFOs as {@code dev/input/eventN} and {@code jsN}, which the
 * detector reads with the same poll loop as real device nodes. Joy-Cons seen only through hidraw get
 * {@code sys/class/hidraw/hidrawN} and a FIFO {@code dev/hidrawN}.
 */
final class FakeInputTree {

    interface C extends Library {
        C LIB = Native.load("c", C.class);

        int mkfifo(String path, int mode);
    }

    private final Path root;

    FakeInputTree(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("sys/class/input"));
        Files.createDirectories(root.resolve("sys/class/hidraw"));
        Files.createDirectories(root.resolve("dev/input"));
    }

    Path root() {
        return root;
    }

    /** A detector with the shipped defaults reading this tree (processes from the real /proc), started. */
    InputDetector startDetector() {
        return new InputDetector(settings(), java.time.Clock.systemUTC(), Path.of("/proc"));
    }

    /** The shipped defaults, reading this tree and leaving {@code ignore} alone. */
    InputSettings settings(String... ignore) {
        return InputSettings.of(root.toString(), 0.2, 1.5, 0.5, 1.0, 30,
                new String[] {"w", "s", "a", "d", "z", "x", "r", "f"}, new String[] {"i", "k", "j", "l", "u", "o", "n", "m"},
                ignore, 10, 30);
    }

    /**
     * Adds the fixture as input device {@code inputN} with node {@code eventN} (and {@code js<js>} when
     * {@code js >= 0}); {@code uniq} replaces the fixture's when not null. The sysfs entries appear
     * before the nodes, as the kernel makes them.
     */
    Path add(String fixture, int n, int js, String uniq) throws IOException {
        return add(fixture, n, js, uniq, root.resolve("sys/devices/virtual/input"));
    }

    /** As {@link #add(String, int, int, String)}, under {@code parent} (a HID device's {@code input} directory). */
    Path add(String fixture, int n, int js, String uniq, Path parent) throws IOException {
        Path input = parent.resolve("input" + n);
        copyFixture(fixture, input);
        if (uniq != null) {
            Files.writeString(input.resolve("uniq"), uniq + "\n");
        }
        link(input, "event" + n);
        if (js >= 0) {
            link(input, "js" + js);
        }
        Path node = fifo(root.resolve("dev/input/event" + n));
        if (js >= 0) {
            fifo(root.resolve("dev/input/js" + js));
        }
        return node;
    }

    /**
     * A Joy-Con with hid-nintendo: one HID device holding the control node {@code eventN}, the IMU node
     * {@code event<N+1>} and {@code hidraw<hidraw>}, which hidapi scripts open. Returns the control node.
     */
    Path addJoyCon(int n, int js, int hidraw, String mac) throws IOException {
        Path hid = root.resolve("sys/devices/virtual/misc/uhid/0005:057E:2006.00" + (20 + n));
        Path node = add("joycon-l", n, js, mac, hid.resolve("input"));
        add("joycon-l-imu", n + 1, -1, mac, hid.resolve("input"));
        Path raw = hid.resolve("hidraw/hidraw" + hidraw);
        Files.createDirectories(raw);
        Files.writeString(hid.resolve("uevent"), "DRIVER=nintendo\nHID_ID=0005:0000057E:00002006\n"
                + "HID_NAME=Joy-Con (L)\nHID_UNIQ=" + mac + "\n");
        Files.createSymbolicLink(raw.resolve("device"), Path.of("../../../" + hid.getFileName()));
        Files.createSymbolicLink(root.resolve("sys/class/hidraw/hidraw" + hidraw),
                root.resolve("sys/class/hidraw").relativize(raw));
        fifo(root.resolve("dev/hidraw" + hidraw));
        return node;
    }

    /** A Joy-Con that only hidraw shows (no hid-nintendo): {@code sys/class/hidraw/hidrawN} and {@code dev/hidrawN}. */
    Path addHidrawJoyCon(int n, String mac) throws IOException {
        Path hid = root.resolve("sys/devices/virtual/misc/uhid/0005:057E:2006.00" + (10 + n));
        Path hidraw = hid.resolve("hidraw/hidraw" + n);
        Files.createDirectories(hidraw);
        Files.writeString(hid.resolve("uevent"), "DRIVER=hid-generic\nHID_ID=0005:0000057E:00002006\n"
                + "HID_NAME=Joy-Con (L)\nHID_PHYS=dc:a6:32:e2:03:fe\nHID_UNIQ=" + mac + "\n"
                + "MODALIAS=hid:b0005g0001v0000057Ep00002006\n");
        Files.createSymbolicLink(hidraw.resolve("device"), Path.of("../../../" + hid.getFileName()));
        Files.createSymbolicLink(root.resolve("sys/class/hidraw/hidraw" + n),
                root.resolve("sys/class/hidraw").relativize(hidraw));
        return fifo(root.resolve("dev/hidraw" + n));
    }

    /** Unplugs input device {@code inputN}: its nodes go first, then sysfs, as the kernel does. */
    void remove(int n) throws IOException {
        try (Stream<Path> nodes = Files.list(root.resolve("dev/input"))) {
            for (Path node : nodes.toList()) {
                Path link = root.resolve("sys/class/input").resolve(node.getFileName());
                if (Files.isSymbolicLink(link) && link.toRealPath().getParent().getFileName().toString()
                        .equals("input" + n)) {
                    Files.delete(node);
                    Files.delete(link);
                }
            }
        }
        try (Stream<Path> inputs = Files.walk(root.resolve("sys/devices"))) {
            for (Path dir : inputs.filter(p -> p.getFileName().toString().equals("input" + n)).toList()) {
                // the kernel removes a device's sysfs directory at once: move it out, then delete it
                Path gone = Files.createTempDirectory(root, ".removed");
                Files.move(dir, gone.resolve(dir.getFileName()));
                delete(gone);
            }
        }
    }

    void removeHidraw(int n) throws IOException {
        Files.deleteIfExists(root.resolve("dev/hidraw" + n));
        Files.deleteIfExists(root.resolve("sys/class/hidraw/hidraw" + n));
    }

    private void link(Path input, String node) throws IOException {
        Path dir = Files.createDirectories(input.resolve(node));
        Files.createSymbolicLink(dir.resolve("device"), Path.of("../../" + input.getFileName()));
        Files.writeString(dir.resolve("uevent"), "MAJOR=13\nDEVNAME=input/" + node + "\n");
        Files.createSymbolicLink(root.resolve("sys/class/input").resolve(node),
                root.resolve("sys/class/input").relativize(dir));
    }

    private static Path fifo(Path path) {
        if (C.LIB.mkfifo(path.toString(), 0660) != 0) {
            throw new IllegalStateException("mkfifo " + path + " failed, errno " + Native.getLastError());
        }
        return path;
    }

    /** Copies {@code capabilities/<fixture>/**} from the test resources into {@code dir}. */
    static void copyFixture(String fixture, Path dir) throws IOException {
        for (String file : new String[] {"name", "phys", "uniq", "properties", "id/bustype", "id/vendor", "id/product",
            "id/version", "capabilities/ev", "capabilities/key", "capabilities/abs", "capabilities/rel",
            "capabilities/msc", "capabilities/led", "capabilities/ff", "capabilities/sw", "capabilities/snd"}) {
            try (InputStream in = FakeInputTree.class.getResourceAsStream("/capabilities/" + fixture + "/" + file)) {
                if (in == null) {
                    throw new IllegalArgumentException("no fixture file capabilities/" + fixture + "/" + file);
                }
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                Files.writeString(target, new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            }
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
