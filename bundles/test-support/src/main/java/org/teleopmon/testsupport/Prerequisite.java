package org.teleopmon.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.sun.jna.NativeLibrary;

/**
 * What a live test needs from the machine beyond a JDK, how to tell whether it is there, and the
 * Debian packages (or the step) that provide it. {@code .ci/run} installs every package named here.
 */
public enum Prerequisite {

    ROOT("root", "run the tests as root, as CI does", Prerequisite::isRoot),
    LIBPCAP("libpcap", "sudo apt-get install libpcap0.8", Prerequisite::hasLibpcap),
    IPROUTE2("the ip command", "sudo apt-get install iproute2", () -> installed("ip")),
    TUN("/dev/net/tun (TUN devices)", "sudo modprobe tun (in a container: give it the device, --device /dev/net/tun)",
            () -> Files.isReadable(Path.of("/dev/net/tun")) && Files.isWritable(Path.of("/dev/net/tun"))),
    TCPDUMP("tcpdump", "sudo apt-get install tcpdump", () -> installed("tcpdump")),
    SETPRIV("setpriv", "sudo apt-get install util-linux", () -> executable("/usr/bin/setpriv")),
    CHROMIUM("Chromium", "sudo apt-get install chromium", () -> executable("/usr/bin/chromium")),
    CHROMEDRIVER("chromedriver", "sudo apt-get install chromium-driver", () -> executable("/usr/bin/chromedriver")),
    GSTREAMER("GStreamer with VP8 and Opus",
            "sudo apt-get install gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good",
            () -> installed("gst-launch-1.0")
                    && succeeds("/usr/bin/gst-inspect-1.0", "--exists", "vp8enc")
                    && succeeds("/usr/bin/gst-inspect-1.0", "--exists", "opusenc")
                    && succeeds("/usr/bin/gst-inspect-1.0", "--exists", "rtpvp8pay")),
    PYTHON("Debian's /usr/bin/python3", "sudo apt-get install python3", () -> executable(Prerequisite.PYTHON3)),
    PYTHON_ZMQ("libzmq for Debian's python3", "sudo apt-get install python3-zmq", () -> imports("zmq")),
    PYTHON_PROMETHEUS("prometheus_client for Debian's python3", "sudo apt-get install python3-prometheus-client",
            () -> imports("prometheus_client")),
    PYTHON_DNS("dnspython for Debian's python3", "sudo apt-get install python3-dnspython", () -> imports("dns")),
    PYTHON_NTP("ntplib for Debian's python3", "sudo apt-get install python3-ntplib", () -> imports("ntplib")),
    PYTHON_WEBSOCKETS("websockets for Debian's python3", "sudo apt-get install python3-websockets",
            () -> imports("websockets")),
    PYTHON_SOCKETIO("python-socketio with aiohttp for Debian's python3",
            "sudo apt-get install python3-socketio python3-engineio python3-aiohttp",
            () -> imports("socketio") && imports("aiohttp")),
    NGTCP2("ngtcp2's gtlsclient and gtlsserver", "sudo apt-get install ngtcp2-client ngtcp2-server",
            () -> installed("gtlsclient") && installed("gtlsserver")),
    OPENSSL("openssl", "sudo apt-get install openssl", () -> installed("openssl")),
    MOSQUITTO("the Mosquitto broker and clients", "sudo apt-get install mosquitto mosquitto-clients",
            () -> installed("mosquitto") && installed("mosquitto_passwd") && installed("mosquitto_sub")),
    PROMETHEUS("Prometheus and promtool", "sudo apt-get install prometheus",
            () -> installed("prometheus") && installed("promtool")),
    OPENSSH("OpenSSH's sshd, ssh and ssh-keygen", "sudo apt-get install openssh-server openssh-client",
            () -> executable("/usr/sbin/sshd") && installed("ssh") && installed("ssh-keygen")),
    RSYNC("rsync", "sudo apt-get install rsync", () -> installed("rsync")),
    CURL("curl", "sudo apt-get install curl", () -> installed("curl"));

    /** Debian's interpreter: the {@code python3} first on a developer's PATH may be another install. */
    public static final String PYTHON3 = "/usr/bin/python3";

    private final String what;
    private final String fix;
    private final BooleanSupplier probe;

    Prerequisite(String what, String fix, BooleanSupplier probe) {
        this.what = what;
        this.fix = fix;
        this.probe = probe;
    }

    /** What it is, for people: {@code "libpcap"}. */
    public String what() {
        return what;
    }

    /** How to get it: the install command, or what to do for {@link #ROOT}. */
    public String fix() {
        return fix;
    }

    /** Looks at this machine now (not cached: {@link Prerequisites} caches). */
    boolean probe() {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean isRoot() {
        try {
            // "Uid:  real effective saved fs": the effective uid decides what the kernel allows.
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> l.split("\\s+")[2]).anyMatch("0"::equals);
        } catch (IOException e) {
            return false;
        }
    }

    /** The names the capture bundle tries: Debian ships only the versioned files without libpcap-dev. */
    private static boolean hasLibpcap() {
        for (String name : List.of("pcap", "libpcap.so.1", "libpcap.so.0.8")) {
            try {
                NativeLibrary.getInstance(name);
                return true;
            } catch (UnsatisfiedLinkError e) {
                // try the next name
            }
        }
        return false;
    }

    /** A program in one of the directories Debian installs programs to (gtlsserver is in sbin). */
    private static boolean installed(String program) {
        return executable("/usr/bin/" + program, "/usr/sbin/" + program, "/bin/" + program, "/sbin/" + program);
    }

    private static boolean executable(String... candidates) {
        for (String file : candidates) {
            if (Files.isExecutable(Path.of(file))) {
                return true;
            }
        }
        return false;
    }

    private static boolean imports(String module) {
        return executable(PYTHON3) && succeeds(PYTHON3, "-c", "import " + module);
    }

    private static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return what + " (" + fix + ")";
    }
}
