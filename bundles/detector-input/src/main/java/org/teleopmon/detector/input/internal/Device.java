package org.teleopmon.detector.input.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * A discovered device and what the reader knows of it at run time: the node it has open, why it
 * cannot read it, the processes holding it, its controls. Guarded by the {@link InputModel}'s lock.
 */
final class Device {

    /** How the open node is read. */
    enum Format {
        NONE, EVDEV, JOYSTICK, HIDRAW
    }

    /** What sysfs says; a rescan may replace it when a node of the same device comes or goes. */
    DeviceInfo info;
    /**
     * Its nodes when it had the most ({@code event5+js0}): an unplugged device loses them one by one
     * before it goes, and its end names them all.
     */
    String nodeNames;
    final ControlState state;
    final boolean ignored;
    /** Real paths of its nodes, as {@code /proc/<pid>/fd} links show them. */
    List<Path> realNodes;
    Format format = Format.NONE;
    int fd = -1;
    int pollIndex = -1;
    Path openNode;
    String problem = "";
    boolean permissionDenied;
    JoyConReport joyCon;
    final byte[] carry = new byte[24];
    int carried;
    List<Consumer> consumers = List.of();
    long records;
    long shortReads;
    long readErrors;
    boolean driving;

    Device(DeviceInfo info, ControlState state, boolean ignored, List<Path> realNodes) {
        this.info = info;
        this.nodeNames = info.nodeNames();
        this.state = state;
        this.ignored = ignored;
        this.realNodes = realNodes;
    }

    boolean open() {
        return fd >= 0;
    }

    /** What the shell and /detectors show as its status. */
    String status() {
        if (ignored) {
            return "ignored (configuration)";
        }
        if (!info.kind().read()) {
            return "not read (" + info.kind().label() + ": never teleop)";
        }
        if (open()) {
            return "reading " + openNode.getFileName();
        }
        return problem.isEmpty() ? "not open" : problem;
    }
}
