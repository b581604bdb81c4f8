package org.teleopmon.detector.webrtc.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.teleopmon.testsupport.ChildProcess;
import org.teleopmon.testsupport.NetNs;
import org.teleopmon.testsupport.Prerequisite;
import org.teleopmon.testsupport.Prerequisites;

/**
 * Debian's headless Chromium, started with a fresh {@code --user-data-dir} each time, no background
 * networking (so the only packets it sends are the page's), and console messages on stderr.
 */
public final class Chromium {

    /** The binary used (Debian package {@code chromium}). */
    public static final String BINARY = "/usr/bin/chromium";

    private Chromium() {
    }

    /**
     * Starts Chromium inside {@code ns} (null: the JVM's namespace) on {@code url}, with the extra flags;
     * every output line goes to {@code lines}. Close the returned process to kill the browser tree.
     */
    public static ChildProcess start(NetNs ns, String url, List<String> extraFlags, Consumer<String> lines) {
        Prerequisites.require(Prerequisite.CHROMIUM);
        Path profile;
        try {
            profile = Files.createTempDirectory("teleop-webrtc-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(BINARY, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0"));
        command.addAll(extraFlags);
        command.add(url);
        return ChildProcess.start("chromium", NetNs.command(ns, command), lines).deleteOnClose(profile);
    }
}
