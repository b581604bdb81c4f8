package org.teleopmon.shm.reader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.teleopmon.testsupport.Prerequisite;

/** A reader in another process: a JVM on this test's class path, or Debian's python3. */
final class ChildProcess {

    static final Path PYTHON_CLIENT = Path.of(System.getProperty("teleop.python.client",
            "../../clients/python/teleop_shm.py")).toAbsolutePath().normalize();
    static final String PYTHON = System.getProperty("teleop.python", Prerequisite.PYTHON3);

    private final Process process;

    private ChildProcess(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", PYTHON_CLIENT.getParent().toString());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        this.process = builder.start();
    }

    static ChildProcess java(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ChildProcess(command);
    }

    static ChildProcess python(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script));
        command.addAll(List.of(args));
        return new ChildProcess(command);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** Waits for the exit; returns exit code and output. */
    Result finish(int timeoutSeconds) throws Exception {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    record Result(int code, String output) {
    }
}
