package org.teleopmon.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A Python script run by /usr/bin/python3 (Debian's, with pyzmq), its output lines collected. */
final class PythonScript {
    private final Process process;
    private final Path script;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private PythonScript(Process process, Path script) {
        this.process = process;
        this.script = script;
        this.reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("read failed: " + e);
            }
        }, "python-output");
        reader.start();
    }

    static PythonScript start(String source, String... args) throws IOException {
        Path script = Files.createTempFile("itest", ".py");
        Files.writeString(script, source);
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
        command.addAll(List.of(args));
        return new PythonScript(new ProcessBuilder(command).redirectErrorStream(true).start(), script);
    }

    /** Waits for a clean exit; its output. */
    List<String> await() throws Exception {
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        reader.join(Duration.ofSeconds(5).toMillis());
        Files.deleteIfExists(script);
        assertTrue("python did not exit: " + lines, exited);
        assertEquals("python failed: " + lines, 0, process.exitValue());
        return lines;
    }

    void kill() throws Exception {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(script);
    }
}
