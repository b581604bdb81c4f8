package org.teleopmon.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.teleopmon.testsupport.FreePort;

/**
 * Boots the project's own distribution (the tar.gz the assembly module built) under Pax Exam.
 * Subclasses add options with {@link #extraOptions()}.
 */
public abstract class TeleopTestSupport {

    static final String KARAF_VERSION = System.getProperty("karaf.version", "4.4.10");
    static final String PROJECT_VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");

    protected Option[] baseOptions() {
        String tarball = System.getProperty("teleop.assembly.tarball");
        String localRepo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        List<Option> options = new ArrayList<>(Arrays.asList(
                karafDistributionConfiguration()
                        .frameworkUrl(new File(tarball).toURI().toString())
                        .karafVersion(KARAF_VERSION)
                        .name("Teleop Monitor")
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO),
                // Pax Exam does not add the JPMS flags bin/karaf uses on Java 9+.
                vmOptions(jpmsFlags()),
                // Offline: the exam feature and test bundles come from the build's local repository.
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepo),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                        "file:" + localRepo + "@id=local@snapshots,${karaf.home.uri}system@id=system.repository@snapshots"),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.offline", "true"),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(FreePort.next())),
                // The streamer's HTTP/WebSocket listener on any free port, never the shared 8765.
                editConfigurationFilePut("etc/org.teleopmon.streamer.cfg", "port", "0"),
                systemProperty("teleop.sample.detector.jar").value(System.getProperty("teleop.sample.detector.jar", "")),
                mavenBundle().groupId("org.hamcrest").artifactId("hamcrest").version("2.2"),
                mavenBundle().groupId("org.awaitility").artifactId("awaitility").version(System.getProperty("awaitility.version"))));
        if (Boolean.getBoolean("teleop.keep.runtime")) {
            options.add(keepRuntimeFolder());
        }
        options.addAll(Arrays.asList(extraOptions()));
        return options.toArray(new Option[0]);
    }

    protected Option[] extraOptions() {
        return new Option[0];
    }

    static String teleopFeatures() {
        return maven().groupId("org.teleopmon").artifactId("teleopmon-features").version(PROJECT_VERSION)
                .classifier("features").type("xml").getURL();
    }

    /** Runs a shell command as the console would; returns what it printed, and its result if any. */
    static String executeCommand(org.apache.karaf.shell.api.console.SessionFactory sessions, String command)
            throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        try (org.apache.karaf.shell.api.console.Session session = sessions.create(System.in, out, out)) {
            Object result = session.execute(command);
            if (result != null) {
                out.println(result);
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Capture on {@code lo} only and the ZMQ detector on the given ports, with the simulator's
     * operator named in the operator directory. The network detector is told these are ZMQ's ports (as
     * 5555/5556 are by default), so it corroborates there instead of reading the ZMQ flows as a pattern. The ports are drawn in the test JVM: read them
     * back in the container with {@link #configuredZmqPort}.
     */
    static List<Option> zmqOnLoopback(int commandPort, int observationPort, double silenceSeconds) {
        String zmq = "etc/org.teleopmon.detector.zmq.cfg";
        return List.of(
                editConfigurationFilePut("etc/org.teleopmon.capture.cfg", "interfaces", "lo"),
                editConfigurationFilePut(zmq, "command.port", Integer.toString(commandPort)),
                editConfigurationFilePut(zmq, "observation.port", Integer.toString(observationPort)),
                editConfigurationFilePut(zmq, "extra.ports", ""),
                editConfigurationFilePut(zmq, "silence.timeout", Double.toString(silenceSeconds)),
                editConfigurationFilePut("etc/org.teleopmon.detector.network.cfg", "known.ports",
                        commandPort + ", " + observationPort + ", 3478, 3479, 5349, 19302"),
                editConfigurationFilePut("etc/org.teleopmon.operators.cfg", "entries", "127.0.0.1 = pax-operator"));
    }

    static int configuredZmqPort(org.osgi.service.cm.ConfigurationAdmin configAdmin, String key) throws IOException {
        return Integer.parseInt(String.valueOf(
                configAdmin.getConfiguration("org.teleopmon.detector.zmq", null).getProperties().get(key)));
    }

    private static String[] jpmsFlags() {
        String lib = "lib/endorsed/";
        return new String[] {
            "--add-reads=java.xml=java.logging",
            "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
            "--patch-module", "java.base=" + lib + "org.apache.karaf.specs.locator-" + KARAF_VERSION + ".jar",
            "--patch-module", "java.xml=" + lib + "org.apache.karaf.specs.java.xml-" + KARAF_VERSION + ".jar",
            "--add-opens", "java.base/java.security=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
            "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
            "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
        };
    }
}
