package org.teleopmon.capture.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Health;

/**
 * Turns the interfaces' states into one {@link Health} that says what is disabled and how to fix
 * it, and logs each new verdict once: a retry that fails the same way stays quiet.
 */
final class CaptureHealth {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureHealth.class);

    private final String fixPermission;
    /** Where the interfaces are, after their names: empty in the monitor's own namespace. */
    private final String where;
    private volatile Health current = Health.ok();
    private Health logged = Health.ok();

    CaptureHealth(String javaCommand, NetworkNamespace namespace) {
        this.where = namespace.isOwn() ? "" : " in network namespace " + namespace.path();
        this.fixPermission = "run the monitor as root, or grant Java the capture capability: sudo setcap "
                + "cap_net_raw,cap_net_admin=eip " + javaCommand;
    }

    Health current() {
        return current;
    }

    synchronized void publish(List<InterfaceCapture> interfaces) {
        Map<PcapException.Kind, List<String>> failed = new TreeMap<>();
        Map<PcapException.Kind, PcapException> sample = new TreeMap<>();
        List<String> open = new ArrayList<>();
        for (InterfaceCapture capture : interfaces) {
            PcapException failure = capture.failure;
            if (failure == null) {
                open.add(capture.name);
            } else if (failure.kind() == PcapException.Kind.OTHER) {
                failed.computeIfAbsent(failure.kind(), k -> new ArrayList<>()).add(failure.getMessage());
            } else {
                failed.computeIfAbsent(failure.kind(), k -> new ArrayList<>()).add(capture.name);
                sample.put(failure.kind(), failure);
            }
        }
        List<String> problems = new ArrayList<>();
        failed.forEach((kind, names) -> problems.add(kind == PcapException.Kind.OTHER ? String.join("; ", names)
                : describe(String.join(", ", names), sample.get(kind))));
        publish(verdict(open, problems));
    }

    /** A failure that concerns the whole capture, such as the library missing at activation. */
    synchronized void publish(PcapException failure) {
        publish(Health.critical("Packet capture disabled: " + describe("", failure) + "; retrying with back-off."));
    }

    synchronized void idle() {
        publish(Health.ok());
    }

    private Health verdict(List<String> open, List<String> failed) {
        if (failed.isEmpty()) {
            return Health.ok();
        }
        String problems = String.join("; ", failed);
        if (open.isEmpty()) {
            return Health.critical("Packet capture disabled: " + problems + "; retrying with back-off.");
        }
        return Health.warn("Packet capture on " + String.join(", ", open) + where + " only: " + problems
                + "; retrying with back-off.");
    }

    private String describe(String name, PcapException failure) {
        switch (failure.kind()) {
            case NO_LIBRARY:
                return "libpcap is not installed (install it: sudo apt-get install libpcap0.8)";
            case PERMISSION:
                return "no permission to capture" + (name.isEmpty() ? "" : " on " + name + where) + " (" + fixPermission + ")";
            case NO_DEVICE:
                return "no interface named " + name + where + " (check 'interfaces' in etc/org.teleopmon.capture.cfg)";
            case NOT_UP:
                return "interface " + name + where + " down";
            default:
                return failure.getMessage();
        }
    }

    private void publish(Health next) {
        current = next;
        if (next.equals(logged)) {
            return;
        }
        if (next.isOk()) {
            LOG.info("Packet capture is working again.");
        } else if (next.status() == Health.Status.WARN) {
            LOG.warn(next.message());
        } else {
            LOG.error(next.message());
        }
        logged = next;
    }
}
