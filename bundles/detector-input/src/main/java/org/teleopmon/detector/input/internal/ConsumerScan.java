package org.teleopmon.detector.input.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which processes hold the device nodes open: {@code readlink /proc/<pid>/fd/*} for every process
 * but this one. Another user's {@code fd} directory needs root or CAP_SYS_PTRACE; such processes are
 * counted as hidden. Runs off the reader thread, when nodes are opened or closed (inotify) and on a
 * slow timer.
 */
final class ConsumerScan {

    /** The consumers of each node, and how many processes could not be looked into. */
    record Result(Map<Path, List<Consumer>> byNode, int hidden, int processes) {
    }

    private final Path proc;
    private final long self;

    ConsumerScan(Path proc, long self) {
        this.proc = proc;
        this.self = self;
    }

    /** @param nodes the nodes to look for, as real paths */
    Result scan(Set<Path> nodes) {
        Map<Path, List<Consumer>> byNode = new HashMap<>();
        int hidden = 0;
        int processes = 0;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, ConsumerScan::isPid)) {
            for (Path pidDir : pids) {
                long pid = Long.parseLong(pidDir.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                processes++;
                try {
                    List<Path> held = held(pidDir.resolve("fd"), nodes);
                    if (!held.isEmpty()) {
                        Consumer consumer = new Consumer(pid, command(pidDir));
                        for (Path node : held) {
                            List<Consumer> list = byNode.computeIfAbsent(node, n -> new ArrayList<>());
                            if (!list.contains(consumer)) {
                                list.add(consumer);
                            }
                        }
                    }
                } catch (AccessDeniedException denied) {
                    hidden++;
                } catch (IOException gone) {
                    // the process exited while we looked
                }
            }
        } catch (IOException e) {
            return new Result(Map.of(), -1, 0);
        }
        return new Result(byNode, hidden, processes);
    }

    private static List<Path> held(Path fdDir, Set<Path> nodes) throws IOException {
        List<Path> held = new ArrayList<>(1);
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (nodes.contains(target) && !held.contains(target)) {
                        held.add(target);
                    }
                } catch (IOException closed) {
                    // closed while we looked
                }
            }
        }
        return held;
    }

    /**
     * The executable's name and the first argument that names a script ({@code python3
     * …/xlerobot/joycon.py}); other arguments are never read into the report.
     */
    static String command(Path pidDir) {
        try {
            byte[] raw = Files.readAllBytes(pidDir.resolve("cmdline"));
            List<String> argv = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= raw.length; i++) {
                if (i == raw.length || raw[i] == 0) {
                    if (i > start) {
                        argv.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    }
                    start = i + 1;
                }
            }
            if (argv.isEmpty()) {
                return "[" + Files.readString(pidDir.resolve("comm"), StandardCharsets.UTF_8).strip() + "]";
            }
            String command = baseName(argv.get(0));
            for (String arg : argv.subList(1, argv.size())) {
                if (!arg.startsWith("-") && (arg.endsWith(".py") || arg.endsWith(".sh") || arg.endsWith(".js")
                        || arg.endsWith(".jar"))) {
                    return command + " " + shortPath(arg);
                }
            }
            return command;
        } catch (IOException e) {
            return "?";
        }
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The last directory and the file: {@code …/xlerobot/joycon.py}. */
    private static String shortPath(String path) {
        int last = path.lastIndexOf('/');
        int before = last > 0 ? path.lastIndexOf('/', last - 1) : -1;
        return before < 0 ? path : "…" + path.substring(before);
    }

    private static boolean isPid(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
