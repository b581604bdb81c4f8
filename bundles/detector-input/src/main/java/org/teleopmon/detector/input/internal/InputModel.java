package org.teleopmon.detector.input.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.teleopmon.api.DetectorSignal;
import org.teleopmon.api.EndReason;
import org.teleopmon.api.Health;
import org.teleopmon.api.OperatorDirectory;

/**
 * Every device and what the detector concludes from them. One lock (this object) guards it: the
 * reader takes it once per poll wake-up, the consumer scan once per scan, the engine once per poll.
 * {@link #evaluate} is allocation-free until the view changes.
 */
final class InputModel {

    static final String NAME = "input";

    private final Clock clock;
    private final Map<String, Device> devices = new TreeMap<>();
    /** The same as {@link #devices}' values, for loops that allocate no iterator. */
    private Device[] all = new Device[0];
    private volatile InputSettings settings;
    private volatile OperatorDirectory directory;
    private int devicesVersion;
    private int consumersVersion;
    private int endedVersion;
    private int hiddenProcesses = -1;
    private boolean inputClass = true;
    private String nativeProblem = "";
    private String hotplugProblem = "";
    private EndReason ended;
    private long lastKey = Long.MIN_VALUE;
    private DetectorSignal current;

    InputModel(InputSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.current = DetectorSignal.idle(NAME, clock.instant());
    }

    InputSettings settings() {
        return settings;
    }

    synchronized void settings(InputSettings value) {
        settings = value;
        lastKey = Long.MIN_VALUE;
    }

    void directory(OperatorDirectory value) {
        directory = value;
    }

    synchronized Device device(String id) {
        return devices.get(id);
    }

    synchronized Device[] all() {
        return all;
    }

    synchronized void add(Device device) {
        devices.put(device.info.id(), device);
        all = devices.values().toArray(new Device[0]);
        devicesVersion++;
    }

    /** A node of the device came or went: same device, same controls. */
    synchronized void update(Device device, DeviceInfo info, List<Path> realNodes) {
        if (info.nodes().size() >= device.info.nodes().size()) {
            device.nodeNames = info.nodeNames();
        }
        device.info = info;
        device.realNodes = realNodes;
        devicesVersion++;
    }

    /** Forgets a device without reporting an end (the configuration changed). */
    synchronized void removeQuietly(String id) {
        if (devices.remove(id) != null) {
            all = devices.values().toArray(new Device[0]);
            devicesVersion++;
        }
    }

    /** Removes a device; when it was being driven, the view reports {@link EndReason.Kind#DEVICE_GONE}. */
    synchronized Device remove(String id, long now) {
        Device device = devices.remove(id);
        if (device == null) {
            return null;
        }
        all = devices.values().toArray(new Device[0]);
        devicesVersion++;
        if (device.driving) {
            ended = EndReason.of(EndReason.Kind.DEVICE_GONE, device.info.name() + " (" + identity(device.info)
                    + ") disconnected from " + device.nodeNames, wallTime(device.state.lastChange(), now));
            endedVersion++;
        }
        return device;
    }

    /** Applies a consumer scan: who holds each node, and how many processes were hidden from it. */
    synchronized void consumers(ConsumerScan.Result result) {
        boolean changed = result.hidden() != hiddenProcesses;
        hiddenProcesses = result.hidden();
        for (Device device : all) {
            List<Consumer> found = new ArrayList<>(1);
            for (Path node : device.realNodes) {
                for (Consumer c : result.byNode().getOrDefault(node, List.of())) {
                    if (!found.contains(c)) {
                        found.add(c);
                    }
                }
            }
            if (!found.equals(device.consumers)) {
                device.consumers = List.copyOf(found);
                changed = true;
            }
        }
        if (changed) {
            consumersVersion++;
        }
    }

    /** The real paths of every node whose consumers matter. */
    synchronized java.util.Set<Path> watchedNodes() {
        java.util.Set<Path> nodes = new java.util.HashSet<>();
        for (Device device : all) {
            if (device.info.kind().read() && !device.ignored) {
                nodes.addAll(device.realNodes);
            }
        }
        return nodes;
    }

    synchronized void inputClass(boolean present) {
        inputClass = present;
    }

    synchronized void nativeProblem(String problem) {
        nativeProblem = problem;
    }

    synchronized void hotplugProblem(String problem) {
        hotplugProblem = problem;
    }

    /**
     * Ages every device's activity to {@code now} and returns the new view when it changed, else
     * null. Allocation-free while nothing changes.
     */
    synchronized DetectorSignal evaluate(long now) {
        int lead = -1;
        int confidence = 0;
        long key = 17;
        for (int i = 0; i < all.length; i++) {
            Device d = all[i];
            d.driving = !d.ignored && d.info.kind().read() && d.state.driving(now);
            if (d.driving) {
                int c = confidence(d);
                if (c > confidence) {
                    confidence = c;
                    lead = i;
                }
                key = key * 31 + i + 1;
            }
        }
        if (lead >= 0 && ended != null) {
            ended = null;
            endedVersion++;
        }
        int robotSet = lead >= 0 && all[lead].state.keyboard() ? all[lead].state.busiestSet() : -1;
        key = key * 31 + lead;
        key = key * 31 + confidence;
        key = key * 31 + robotSet;
        key = key * 31 + devicesVersion;
        key = key * 31 + consumersVersion;
        key = key * 31 + endedVersion;
        if (key == lastKey) {
            return null;
        }
        lastKey = key;
        current = InputView.signal(this, all, lead, confidence, robotSet, now, clock.instant());
        return current;
    }

    /** A view built now (the engine's poll). */
    synchronized DetectorSignal detect(long now) {
        evaluate(now);
        int lead = -1;
        int confidence = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i].driving && confidence(all[i]) > confidence) {
                confidence = confidence(all[i]);
                lead = i;
            }
        }
        int robotSet = lead >= 0 && all[lead].state.keyboard() ? all[lead].state.busiestSet() : -1;
        return InputView.signal(this, all, lead, confidence, robotSet, now, clock.instant());
    }

    /** The signal last built by {@link #evaluate}. */
    synchronized DetectorSignal current() {
        return current;
    }

    /**
     * How sure a driven device makes us: a pad held by a program drives it (95); without seeing the
     * programs (another user's) it may (70); a pad nobody holds drives nothing (40). Held teleop keys
     * with autorepeat: 85.
     */
    int confidence(Device device) {
        if (device.state.keyboard()) {
            return 85;
        }
        if (!device.consumers.isEmpty()) {
            return 95;
        }
        return hiddenProcesses != 0 ? 70 : 40;
    }

    EndReason ended() {
        return ended;
    }

    int hiddenProcesses() {
        return hiddenProcesses;
    }

    /**
     * The identity to report: {@code mac:}/{@code usb:} from uniq, unless the site's directory names
     * only the device name ({@code device:Xbox Wireless Controller}), which then wins.
     */
    String identity(DeviceInfo info) {
        String primary = info.identity();
        OperatorDirectory names = directory;
        if (names != null && !primary.startsWith("device:")) {
            String byName = "device:" + info.name();
            try {
                if (names.nameOf(primary).isEmpty() && names.nameOf(byName).isPresent()) {
                    return byName;
                }
            } catch (RuntimeException e) {
                return primary;
            }
        }
        return primary;
    }

    /** The wall-clock time of a {@code System.nanoTime()} reading, or null for -1. */
    Instant wallTime(long nanos, long now) {
        return nanos < 0 ? null : clock.instant().minusNanos(now - nanos);
    }

    /** Rows for the shell and /detectors, by device id. */
    synchronized List<DeviceRow> rows(long now) {
        List<DeviceRow> rows = new ArrayList<>();
        for (Device d : all) {
            String consumer = d.consumers.isEmpty()
                    ? (d.info.kind().read() && hiddenProcesses > 0 ? "none visible" : "-")
                    : String.join(", ", d.consumers.stream().map(Consumer::toString).toList());
            rows.add(new DeviceRow(d.info.nodeNames(), d.info.kind().label(), d.info.name(), d.info.uniq(),
                    d.info.vendorProduct(), d.info.family().label(), consumer, d.state.rateHz(now),
                    wallTime(d.state.lastChange(), now), d.driving, d.driving ? d.state.activeControls() : 0,
                    d.status()));
        }
        return rows;
    }

    synchronized Health health() {
        if (!nativeProblem.isEmpty()) {
            return Health.warn("cannot read input events (" + nativeProblem + "); devices are listed from sysfs only");
        }
        List<String> denied = new ArrayList<>();
        boolean hidraw = false;
        for (Device d : all) {
            if (d.permissionDenied && !d.ignored) {
                denied.add(d.info.primaryNode() + " (" + d.info.name() + ")");
                hidraw |= d.info.event() == null && d.info.js() == null;
            }
        }
        if (!denied.isEmpty()) {
            return Health.warn("permission denied on " + String.join(", ", denied.subList(0, Math.min(3, denied.size())))
                    + (denied.size() > 3 ? " and " + (denied.size() - 3) + " more" : "") + ": add the monitor's user"
                    + " to the input group (sudo usermod -a -G input " + System.getProperty("user.name")
                    + ", then restart the monitor) or run it as root"
                    + (hidraw ? "; hidraw nodes are root's unless a udev rule gives them to the input group" : ""));
        }
        for (Device d : all) {
            if (d.info.kind().controls() && !d.ignored && d.consumers.isEmpty() && hiddenProcesses > 0) {
                return Health.warn("cannot see which program holds " + d.info.name() + ": " + hiddenProcesses
                        + " processes of other users are hidden from " + System.getProperty("user.name")
                        + " (run the monitor as root or grant it CAP_SYS_PTRACE); a pad alone cannot start a session");
            }
        }
        String note = !inputClass ? "no input devices: " + settings.root().resolve("sys/class/input") + " does not exist"
                : hotplugProblem;
        return note.isEmpty() ? Health.ok() : new Health(Health.Status.OK, note);
    }
}
