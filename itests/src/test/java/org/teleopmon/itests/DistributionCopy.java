package org.teleopmon.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
    private final Map<String, String> environment = new HashMap<>();
    private final List<Process> launched = new ArrayList<>();
    private final List<String> runAs = new ArrayList<>();

    private DistributionCopy(Path home) throws IOException {
        this.home = home;
        this.webPort = TeleopTestSupport.freePort();
        this.sshPort = TeleopTestSupport.freePort();
        replace("etc/org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = " + sshPort);
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("WEBSOCKET_PORT", Integer.toString(webPort));
        environment.put("SHM_NAMESPACE", "itest-" + home.getFileName());
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

    void append(String file, String text) throws IOException {
        Files.writeString(home.resolve(file), Files.readString(home.resolve(file)) + "\n" + text + "\n");
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

    /** The body of a GET on the monitor, or null when nothing answers. */
    String get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + path))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
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

    static String exec(int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(List.of(command) + " did not finish in " + timeoutSeconds + " s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(List.of(command) + " exited " + process.exitValue() + ": " + text);
        }
        return text;
    }
}
