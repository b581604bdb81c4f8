package org.teleopmon.detector.webrtc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Weak, corroborating evidence of WebRTC endpoints on this machine: browser or Electron processes
 * (by name) that own UDP sockets, read through OSHI. Sockets are listed first and only their owners
 * are looked up, which keeps a scan to one pass over {@code /proc}. Without OSHI, or without the
 * right to see other users' sockets, {@link #scan()} finds nothing and {@link #problem()} says why.
 */
final class ProcessScan {

    record WebRtcProcess(int pid, String name, int udpSockets) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProcessScan.class);

    private final List<String> fragments;
    private ProcessScanOshi oshi;
    private boolean logged;
    private volatile String problem = "";

    /** @param nameFragments lower-case parts of a process name or executable file name, e.g. chrome, firefox, electron */
    ProcessScan(Set<String> nameFragments) {
        fragments = nameFragments.stream().map(f -> f.toLowerCase(Locale.ROOT)).filter(f -> !f.isBlank()).toList();
    }

    /** Matching processes that own at least one UDP socket, by pid. Never throws. */
    synchronized List<WebRtcProcess> scan() {
        try {
            if (oshi == null) {
                oshi = new ProcessScanOshi();
            }
            Map<Integer, Integer> sockets = oshi.udpSocketsByPid();
            Integer hidden = sockets.remove(-1);
            List<WebRtcProcess> found = new ArrayList<>();
            oshi.namesAndPaths(sockets.keySet()).forEach((pid, nameAndPath) -> {
                if (matches(nameAndPath)) {
                    found.add(new WebRtcProcess(pid, nameAndPath.substring(0, nameAndPath.indexOf('\n')), sockets.get(pid)));
                }
            });
            found.sort((a, b) -> Integer.compare(a.pid(), b.pid()));
            problem = hidden != null && sockets.isEmpty()
                    ? "the owners of " + hidden + " UDP sockets are not visible (needs root or CAP_SYS_PTRACE)" : "";
            return found;
        } catch (RuntimeException | LinkageError e) {
            fail(e);
            return List.of();
        }
    }

    /** "" when scanning works, else why it does not. */
    String problem() {
        return problem;
    }

    private boolean matches(String nameAndPath) {
        int cut = nameAndPath.indexOf('\n');
        String name = nameAndPath.substring(0, cut).toLowerCase(Locale.ROOT);
        String path = nameAndPath.substring(cut + 1);
        String file = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        for (String fragment : fragments) {
            if (name.contains(fragment) || file.contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    private void fail(Throwable e) {
        boolean missing = e instanceof NoClassDefFoundError;
        problem = (missing ? "OSHI is not installed: " : "OSHI failed: ") + e;
        if (logged) {
            LOG.debug("Process scan failed again: {}", problem);
        } else if (missing) {
            logged = true;
            LOG.warn("Process corroboration of WebRTC calls disabled: {}", problem);
        } else {
            logged = true;
            LOG.warn("Process corroboration of WebRTC calls disabled: {}", problem, e);
        }
    }
}
