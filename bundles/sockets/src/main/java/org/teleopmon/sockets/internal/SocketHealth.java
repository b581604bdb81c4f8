package org.teleopmon.sockets.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Health;
import org.teleopmon.api.sockets.Protocol;

/**
 * Turns the last reading's failures into one {@link Health} that says what is visible and how to fix what is
 * not, and logs each new verdict once: a poll that fails the same way stays quiet.
 */
final class SocketHealth {

    private static final Logger LOG = LoggerFactory.getLogger(SocketHealth.class);
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int EACCES = 13;

    private final Map<Protocol, NetlinkException> failures = new EnumMap<>(Protocol.class);
    private NetlinkException unavailable;
    private int deniedProcesses;
    private String waiting;
    private volatile Health current = Health.ok();
    private Health logged = Health.ok();

    Health current() {
        return current;
    }

    /** The reading could not start at all (the netlink socket did not open). */
    synchronized void unavailable(NetlinkException e) {
        unavailable = e;
        publish();
    }

    /** What the poll thread's waiting cannot do (closed connections seen only at the next reading), or null. */
    synchronized void waiting(String problem) {
        if (!java.util.Objects.equals(problem, waiting)) {
            waiting = problem;
            publish();
        }
    }

    /** The outcome of one reading: the protocols that failed, and the processes the owner scan could not read. */
    synchronized void reading(Map<Protocol, NetlinkException> failed, int denied) {
        unavailable = null;
        failures.clear();
        failures.putAll(failed);
        deniedProcesses = denied;
        publish();
    }

    private void publish() {
        Health next = verdict();
        current = next;
        if (next.equals(logged)) {
            return;
        }
        if (next.isOk()) {
            LOG.info("The kernel's socket table is readable.");
        } else if (next.status() == Health.Status.WARN) {
            LOG.warn(next.message());
        } else {
            LOG.error(next.message());
        }
        logged = next;
    }

    private Health verdict() {
        if (unavailable != null) {
            return Health.unavailable("Socket table unreadable: " + unavailable.getMessage() + " ("
                    + fix(null, unavailable) + "); retrying at every poll.");
        }
        List<String> problems = new ArrayList<>();
        failures.forEach((protocol, e) -> problems.add(protocol + " sockets not visible: " + e.getMessage()
                + " (" + fix(protocol, e) + ")"));
        if (!failures.isEmpty() && failures.size() == Protocol.values().length) {
            return Health.unavailable("Socket table unreadable: " + String.join("; ", problems));
        }
        if (deniedProcesses > 0) {
            problems.add("socket owners: " + deniedProcesses + " processes of other users cannot be inspected "
                    + "(run the monitor as root to name them, or set process.owners = false)");
        }
        if (waiting != null) {
            problems.add(waiting);
        }
        return problems.isEmpty() ? Health.ok() : Health.warn(String.join("; ", problems));
    }

    private static String fix(Protocol protocol, NetlinkException e) {
        switch (e.kind()) {
            case UNAVAILABLE:
                return e.errno() == EPERM || e.errno() == EACCES
                        ? "a security policy (seccomp, container profile, SELinux) forbids netlink sockets to the monitor"
                        : "this kernel has no netlink sock_diag (CONFIG_INET_DIAG)";
            case KERNEL_ERROR:
                if (e.errno() == ENOENT) {
                    String module = protocol == Protocol.UDP ? "udp_diag" : "tcp_diag";
                    return "the kernel has no " + module + " (load it: sudo modprobe " + module + ")";
                }
                return "the kernel refused the request";
            case TIMEOUT:
                return "the kernel is overloaded or the table is huge";
            default:
                return "report this with the kernel version (uname -r)";
        }
    }
}
