package org.teleopmon.metrics.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Health;
import org.teleopmon.api.MetricsCollector;

import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * The monitor's own CPU (percent of one core, between two samples), resident memory (OSHI, from
 * the OS) and heap in use (the JVM). Without OSHI's native access only the heap is reported, and
 * health says why.
 */
final class SelfMonitor {

    static final String CPU_PERCENT = "monitor_cpu_percent";
    static final String RSS_BYTES = "monitor_memory_rss_bytes";
    static final String HEAP_BYTES = "monitor_heap_used_bytes";

    private static final Logger LOG = LoggerFactory.getLogger(SelfMonitor.class);

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private OperatingSystem os;
    private int pid;
    private long lastCpuMillis = -1;
    private long lastUptimeMillis;
    private volatile Health health = Health.ok();

    SelfMonitor() {
        try {
            os = new SystemInfo().getOperatingSystem();
            pid = os.getProcessId();
        } catch (RuntimeException | LinkageError e) {
            disable(e);
        }
    }

    synchronized void sample(MetricsCollector metrics) {
        metrics.recordMetric(HEAP_BYTES, memory.getHeapMemoryUsage().getUsed());
        if (os == null) {
            return;
        }
        try {
            OSProcess process = os.getProcess(pid);
            if (process == null) {
                throw new IllegalStateException("process " + pid + " not found");
            }
            metrics.recordMetric(RSS_BYTES, process.getResidentMemory());
            long cpu = process.getKernelTime() + process.getUserTime();
            long uptime = process.getUpTime();
            if (lastCpuMillis >= 0 && uptime > lastUptimeMillis) {
                metrics.recordMetric(CPU_PERCENT, 100.0 * (cpu - lastCpuMillis) / (uptime - lastUptimeMillis));
            }
            lastCpuMillis = cpu;
            lastUptimeMillis = uptime;
        } catch (RuntimeException | LinkageError e) {
            disable(e);
        }
    }

    private void disable(Throwable e) {
        os = null;
        health = Health.warn("self-monitoring of CPU and RSS disabled: " + e);
        LOG.warn("Cannot read the monitor's own CPU and memory through OSHI; only the heap is reported", e);
    }

    Health health() {
        return health;
    }
}
