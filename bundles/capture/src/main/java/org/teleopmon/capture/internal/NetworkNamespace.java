package org.teleopmon.capture.internal;

/**
 * The network namespace the capture works in: the monitor's own, or the one a namespace file
 * names ({@code /run/netns/robot}, {@code /proc/<pid>/ns/net}). Entering turns every failure into
 * a message that says what to do.
 */
final class NetworkNamespace {

    static final NetworkNamespace OWN = new NetworkNamespace("");

    private final String path;

    private NetworkNamespace(String path) {
        this.path = path;
    }

    /** The configured value, trimmed; blank means the monitor's own namespace. */
    static NetworkNamespace of(String configured) {
        String path = configured == null ? "" : configured.strip();
        return path.isEmpty() ? OWN : new NetworkNamespace(path);
    }

    boolean isOwn() {
        return path.isEmpty();
    }

    /** The namespace file, empty for the monitor's own namespace. */
    String path() {
        return path;
    }

    /** Why the configured value can never work, or null when only trying can tell. */
    String problem() {
        if (isOwn()) {
            return null;
        }
        if (!path.startsWith("/") || path.indexOf('\0') >= 0) {
            return "netns '" + path + "' is not the absolute path of a network-namespace file (for example /run/netns/"
                    + path.replaceAll("[^A-Za-z0-9._-]", "") + " or /proc/<pid>/ns/net; fix 'netns' in "
                    + "etc/org.teleopmon.capture.cfg)";
        }
        return null;
    }

    /** Moves the calling thread, and only it, into the namespace; the monitor's own needs no move. */
    void enter() throws PcapException {
        if (isOwn()) {
            return;
        }
        String problem = problem();
        if (problem != null) {
            throw new PcapException(PcapException.Kind.NETNS, problem);
        }
        try {
            Setns.enterNetwork(path);
        } catch (Setns.NetnsError e) {
            throw new PcapException(PcapException.Kind.NETNS, explain(e));
        } catch (UnsatisfiedLinkError e) {
            throw new PcapException(PcapException.Kind.NETNS, "cannot enter network namespace " + path
                    + ": setns(2) is not available here (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw new PcapException(PcapException.Kind.NETNS, "cannot enter network namespace " + path + ": " + e);
        }
    }

    private String explain(Setns.NetnsError e) {
        String errno = " (" + e.call + ": " + e.getMessage() + ")";
        if (e.call.equals("open")) {
            if (e.errno == Setns.ENOENT) {
                return "network namespace " + path + " does not exist" + errno + "; create it (ip netns add), "
                        + "start the container, or fix 'netns' in etc/org.teleopmon.capture.cfg";
            }
            if (e.errno == Setns.EACCES || e.errno == Setns.EPERM) {
                return "no permission to open network namespace " + path + errno + "; run the monitor as root";
            }
            return "cannot open network namespace " + path + errno + "; fix 'netns' in etc/org.teleopmon.capture.cfg";
        }
        if (e.errno == Setns.EINVAL) {
            return path + " is not a network namespace" + errno + "; give a file such as /run/netns/<name> or "
                    + "/proc/<pid>/ns/net in 'netns' of etc/org.teleopmon.capture.cfg";
        }
        if (e.errno == Setns.EPERM) {
            return "no permission to enter network namespace " + path + errno + "; entering a namespace needs "
                    + "CAP_SYS_ADMIN: run the monitor as root, or sudo setcap cap_net_raw,cap_net_admin,cap_sys_admin=eip "
                    + JavaCommand.path();
        }
        return "cannot enter network namespace " + path + errno;
    }
}
