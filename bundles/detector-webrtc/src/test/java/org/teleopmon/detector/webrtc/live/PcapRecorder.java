package org.teleopmon.detector.webrtc.live;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.NetNs;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Prerequisites;

/**
 * tcpdump writing {@code lo} of a namespace to a pcap file ({@code -U}, so every packet is written at
 * once). {@link #start} returns only once tcpdump is listening; {@link #stop()} ends it with SIGTERM so
 * the file is complete, and returns how many packets it captured.
 */
public final class PcapRecorder implements AutoCloseable {

    private static final Pattern CAPTURED = Pattern.compile("(\\d+) packets? captured");

    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private final CompletableFuture<Long> captured = new CompletableFuture<>();
    private ChildProcess tcpdump;

    private PcapRecorder() {
    }

    /** Captures {@code lo} in {@code ns} (null: the JVM's namespace) to {@code file}, with a BPF filter ("" for all). */
    public static PcapRecorder start(NetNs ns, Path file, int snaplen, String filter) {
        Prerequisites.require(Prerequisite.TCPDUMP);
        PcapRecorder recorder = new PcapRecorder();
        List<String> command = new java.util.ArrayList<>(List.of("tcpdump", "-i", "lo", "-n", "-U", "--immediate-mode", "-Z", "root",
                "-s", String.valueOf(snaplen), "-w", file.toString()));
        if (!filter.isBlank()) {
            command.add(filter);
        }
        recorder.tcpdump = ChildProcess.start("tcpdump", NetNs.command(ns, command), recorder::onLine);
        try {
            recorder.listening.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            recorder.close();
            throw new IllegalStateException("tcpdump did not start listening\n" + recorder.tcpdump.tails(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return recorder;
    }

    private void onLine(String line) {
        if (line.contains("listening on")) {
            listening.complete(null);
        }
        Matcher m = CAPTURED.matcher(line);
        if (m.find()) {
            captured.complete(Long.parseLong(m.group(1)));
        }
    }

    /** Stops tcpdump (SIGTERM) and returns the number of packets it wrote. */
    public long stop() throws InterruptedException {
        tcpdump.terminate(Duration.ofSeconds(5));
        try {
            return captured.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("tcpdump said nothing about its packets\n" + tcpdump.tails(), e);
        }
    }

    /** Kills tcpdump if still running. */
    @Override
    public void close() {
        tcpdump.close();
    }
}
