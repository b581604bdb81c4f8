package org.teleopmon.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No test declares a class in a package another module owns: a test that needs another bundle's
 * internals gets a public entry point from that bundle (as capture's public {@code Capture})
 * or a helper here, not a split package.
 */
class PackageLayoutTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    @Test
    void noTestSourceDeclaresAnotherModulesPackage() throws IOException {
        List<Path> modules = modules();
        Map<String, Set<Path>> owners = new HashMap<>();
        for (Path module : modules) {
            packages(module.resolve("src/main/java")).forEach(p -> owners.computeIfAbsent(p, k -> new HashSet<>())
                    .add(module));
        }
        List<String> split = new ArrayList<>();
        for (Path module : modules) {
            for (String p : packages(module.resolve("src/test/java"))) {
                Set<Path> owner = owners.getOrDefault(p, Set.of());
                if (!owner.isEmpty() && !owner.contains(module)) {
                    split.add(ROOT.relativize(module) + " tests declare " + p + ", owned by " + owner.stream()
                            .map(ROOT::relativize).toList());
                }
            }
        }
        assertThat(modules).as("modules found under %s", ROOT).hasSizeGreaterThan(10);
        assertThat(split).isEmpty();
    }

    private static List<Path> modules() throws IOException {
        try (Stream<Path> poms = Files.walk(ROOT, 3)) {
            return poms.filter(p -> p.getFileName().toString().equals("pom.xml") && !p.toString().contains("/target/"))
                    .map(Path::getParent).filter(m -> Files.isDirectory(m.resolve("src"))).toList();
        }
    }

    private static Set<String> packages(Path sources) {
        if (!Files.isDirectory(sources)) {
            return Set.of();
        }
        Set<String> packages = new HashSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                try {
                    Matcher m = PACKAGE.matcher(Files.readString(f));
                    if (m.find()) {
                        packages.add(m.group(1));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return packages;
    }
}
