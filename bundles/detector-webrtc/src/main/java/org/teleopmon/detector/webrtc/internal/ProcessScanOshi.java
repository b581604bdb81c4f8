package org.teleopmon.detector.webrtc.internal;

import java.util.HashMap;
import java.util.Map;

import oshi.SystemInfo;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * The only class that touches OSHI, so that a missing OSHI surfaces as a NoClassDefFoundError
 * when this class is first used inside {@link ProcessScan}'s guard, not when ProcessScan loads.
 */
final class ProcessScanOshi {

    private final OperatingSystem os = new SystemInfo().getOperatingSystem();

    /** UDP sockets (udp4 and udp6) per owning process; key -1 counts sockets whose owner is not visible. */
    Map<Integer, Integer> udpSocketsByPid() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (IPConnection connection : os.getInternetProtocolStats().getConnections()) {
            if (connection.getType().startsWith("udp")) {
                counts.merge(Math.max(connection.getowningProcessId(), -1), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Name and executable path of each process still alive, joined by a newline. */
    Map<Integer, String> namesAndPaths(Iterable<Integer> pids) {
        Map<Integer, String> names = new HashMap<>();
        for (Integer pid : pids) {
            OSProcess process = pid < 0 ? null : os.getProcess(pid);
            if (process != null) {
                names.put(pid, process.getName() + "\n" + process.getPath());
            }
        }
        return names;
    }
}
