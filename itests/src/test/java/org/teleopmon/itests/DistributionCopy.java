package org.teleopmon.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.teleopmon.testsupport.FreePort;

/**
 * A private copy of the built distribution, as a user unpacks it: its own ports (HTTP, SSH), its own
 * shared-memory namespace, started with its own scripts. Closing it ends every JVM it started and
 * deletes it.
 */
final class DistributionCopy implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final Path home;
    final int webPort;
    final int sshPort;
    final String shmNamespace;
    private final Map<String, String> environment = new HashMap<>();
    private final List<Process> launched = new ArrayList<>();
    private final List<String> runAs = new ArrayList<>();

    private DistributionCopy(Path home) throws IOException {
        this.home = home;
        this.webPort = FreePort.next();
        this.sshPort = FreePort.next();
        replace("etc/org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = " + sshPort);
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("WEBSOCKET_PORT", Integer.toString(webPort));
        this.shmNamespace = "itest-" + home.getFileName();
        environment.put("SHM_NAMESPACE", shmNamespace);
    }

    /** A new copy of the distribution the build made ({@code teleop.assembly.dir}). */
    static DistributionCopy fresh(String prefix) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory(prefix);
        exec(60, "cp", "-a", System.getProperty("teleop.assembly.dir") + "/.", home.toString());
        return new DistributionCopy(home);
    }

    DistributionCopy env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * Adds JVM flags (a benchmark's NMT, GC log or JFR recording) through Karaf's JAVA_NON_DEBUG_OPTS,
     * which bin/karaf puts before JAVA_OPTS: bin/setenv's own settings stay. Blank adds nothing.
     */
    DistributionCopy jvmOptions(String options) {
        if (!options.isBlank()) {
            environment.put("JAVA_NON_DEBUG_OPTS", options);
        }
        return this;
    }

    /**
     * Runs the distribution as {@code user} with no capabilities at all (as an unprivileged install would):
     * the copy becomes the user's, and the scripts start through {@code setpriv}.
     */
    DistributionCopy runAs(String user, String group) throws IOException, InterruptedException {
        exec(60, "chown", "-R", user + ":" + group, home.toString());
        runAs.addAll(List.of("/usr/bin/setpriv", "--reuid=" + user, "--regid=" + group, "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all"));
        environment.put("HOME", home.toString());
        return this;
    }

    void replace(String file, String from, String to) throws IOException {
        Path path = home.resolve(file);
        String text = Files.readString(path);
        if (!text.contains(from)) {
            throw new AssertionError(file + " does not hold '" + from + "'");
        }
        Files.writeString(path, text.replace(from, to));
    }

    void write(String file, String text) throws IOException {
        Files.writeString(home.resolve(file), text);
    }

    /**
     * Puts the ZMQ detector on two free ports, and tells the network detector they are ZMQ's, as 5555/5556
     * are by default; returns them, command port first. Written before the first start: features install
     * their .cfg only when the file is not there yet.
     */
    int[] zmqOnFreePorts() throws IOException {
        int command = FreePort.next();
        int observation = FreePort.next();
        write("etc/org.teleopmon.detector.zmq.cfg", "command.port = " + command + "\nobservation.port = " + observation
                + "\n");
        write("etc/org.teleopmon.detector.network.cfg",
                "known.ports = " + command + ", " + observation + ", 3478, 3479, 5349, 19302\n");
        return new int[] {command, observation};
    }

    /** {@link #zmqOnFreePorts()}, with the simulator (what {@code --simulate} starts) on the same ports. */
    void simulatorOnFreePorts() throws IOException {
        int[] ports = zmqOnFreePorts();
        write("etc/org.teleopmon.simulator.cfg", "command.port = " + ports[0] + "\nobservation.port = " + ports[1]
                + "\n");
    }

    /** Adds a line to a file, creating it (a feature's cfg is only written at the first start, if absent). */
    void append(String file, String text) throws IOException {
        Files.writeString(home.resolve(file), "\n" + text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Runs a script of bin/ (teleop-monitor, karaf, start, stop...) with output to {@code console.out}. */
    Process launch(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(runAs);
        command.add(home.resolve("bin").resolve(script).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.out").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        launched.add(process);
        return process;
    }

    /** Runs a script of bin/ to its end (e.g. {@code teleop-monitor --help}): its exit status and output. */
    Result run(int timeoutSeconds, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve(script).toString()));
        command.addAll(List.of(args));
        return Result.of(command, environment, Path.of("/dev/null"), timeoutSeconds);
    }

    /** One shell command through {@code bin/client} over this copy's SSH port (stdin carries it, with -b). */
    Result client(String user, String password, String command) throws IOException, InterruptedException {
        Path input = Files.writeString(home.resolve("client.in"), command + "\n");
        return Result.of(List.of("timeout", "30", home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-u", user, "-p", password, "-b"), environment, input, 40);
    }

    /** The admin password the launcher creates at the first start, once it exists. */
    Optional<String> adminPassword() throws IOException {
        Path file = home.resolve("etc/admin.password");
        return Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    }

    String console() throws IOException {
        Path out = home.resolve("console.out");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    /** The distribution's JVM, found by its {@code karaf.home}. */
    Optional<ProcessHandle> jvm() {
        String marker = "-Dkaraf.home=" + home;
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(line -> line.contains(marker + " ") || line.endsWith(marker)).orElse(false)).findFirst();
    }

    /** HTTP status of a GET on the monitor, or -1 when nothing answers. */
    int status(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + path))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The body of a GET on the monitor, or "" when nothing answers. */
    String body(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + path))
                    .timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Ends the JVM at once, as a power cut or {@code kill -9} would. */
    void kill() throws InterruptedException {
        Optional<ProcessHandle> jvm = jvm();
        if (jvm.isPresent()) {
            jvm.get().destroyForcibly();
            jvm.get().onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    @Override
    public void close() throws Exception {
        jvm().ifPresent(ProcessHandle::destroyForcibly);
        for (Process process : launched) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
        jvm().ifPresent(p -> p.onExit().orTimeout(20, TimeUnit.SECONDS).join());
        exec(60, "rm", "-rf", home.toString());
    }

    /** Runs a command that must succeed; its output. */
    static String exec(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Result result = Result.of(List.of(command), Map.of(), Path.of("/dev/null"), timeoutSeconds);
        if (result.code() != 0) {
            throw new AssertionError(List.of(command) + " exited " + result.code() + ": " + result.output());
        }
        return result.output();
    }

    /** A finished command: exit status and everything it printed. */
    record Result(int code, String output) {

        static Result of(List<String> command, Map<String, String> env, Path stdin, int timeoutSeconds)
                throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        }
    }
}
