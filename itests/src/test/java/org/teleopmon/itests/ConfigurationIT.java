package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;

import java.io.InputStream;
import java.lang.reflect.Array;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.karaf.features.ConfigFileInfo;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.teleopmon.api.OperatorDirectory;

/**
 * Configuration in the real distribution with the real Config Admin, fileinstall and metatype:
 * every feature's shipped .cfg documents exactly its PID's keys and is live in etc/, comma lists
 * reach components as typed arrays, former millisecond keys still work, and so do former
 * per-detector operator names.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigurationIT extends TeleopTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** A key as a .cfg file sets it, or shows it commented out. */
    private static final Pattern KEY = Pattern.compile("^#?\\s*([a-z][a-z0-9_.]*)\\s*=", Pattern.MULTILINE);

    @Inject
    BundleContext context;

    @Inject
    FeaturesService features;

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    MetaTypeService metaType;

    @Inject
    ServiceComponentRuntime scr;

    @Inject
    SessionFactory sessions;

    @Inject
    OperatorDirectory directory;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    /** The simulator is not booted by default; its configuration is checked as well. */
    @Override
    protected Option[] extraOptions() {
        return new Option[] {features(teleopFeatures(), "teleop-simulator")};
    }

    @Test
    public void everyFeatureShipsACfgDocumentingExactlyItsKeysAndTheBootedOnesAreLiveInEtc() throws Exception {
        Set<String> shipped = new TreeSet<>();
        for (Feature feature : features.listFeatures()) {
            if (!feature.getName().startsWith("teleop")) {
                continue;
            }
            for (ConfigFileInfo file : feature.getConfigurationFiles()) {
                String name = Path.of(file.getFinalname()).getFileName().toString();
                String pid = name.substring(0, name.length() - ".cfg".length());
                shipped.add(pid);
                Set<String> declared = declaredKeys(pid);
                String text;
                try (InputStream in = new URL(file.getLocation()).openStream()) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                Set<String> documented = new TreeSet<>();
                Matcher m = KEY.matcher(text);
                while (m.find()) {
                    documented.add(m.group(1));
                }
                assertEquals(feature.getName() + " ships " + file.getLocation() + ": every key of " + pid
                        + " documented, none unknown", declared, documented);
                if (features.isInstalled(feature)) {
                    Path etc = Path.of(System.getProperty("karaf.etc"), name);
                    assertTrue(etc + " present", Files.isRegularFile(etc));
                    await().atMost(TIMEOUT).untilAsserted(() -> {
                        Object source = configAdmin.getConfiguration(pid, null).getProperties()
                                .get("felix.fileinstall.filename");
                        assertTrue(pid + " read from etc/ by fileinstall: " + source,
                                String.valueOf(source).endsWith("/etc/" + name));
                    });
                }
            }
        }
        assertTrue("shipped: " + shipped, shipped.containsAll(List.of("org.teleopmon.capture",
                "org.teleopmon.detector.webrtc", "org.teleopmon.detector.zmq", "org.teleopmon.engine",
                "org.teleopmon.metrics", "org.teleopmon.operators", "org.teleopmon.shm", "org.teleopmon.simulator",
                "org.teleopmon.streamer", "org.teleopmon.ledger")));
    }

    @Test
    public void anEditedCfgFileReachesItsComponentAsATypedList() throws Exception {
        Path file = Path.of(System.getProperty("karaf.etc"), "org.teleopmon.operators.cfg");
        String shipped = Files.readString(file);
        assertTrue(shipped, shipped.contains("\nentries =\n"));
        try {
            Files.writeString(file, shipped.replace("\nentries =\n",
                    "\nentries = 10.20.30.40 = file-edit, mac:98-B6-E9-12-34-56 = bob, \\\n    10.20.0.0/16 = lab\n"));

            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertEquals(Optional.of("file-edit"), directory.nameOf("10.20.30.40"));
                assertEquals(Optional.of("bob"), directory.nameOf("mac:98:b6:e9:12:34:56"));
                assertEquals(Optional.of("lab"), directory.nameOf("10.20.1.1"));
            });
            assertArrayEquals("the component received an array, the file a comma-separated text",
                    new String[] {"10.20.30.40 = file-edit", "mac:98-B6-E9-12-34-56 = bob", "10.20.0.0/16 = lab"},
                    (String[]) componentProperty("SiteDirectory", "entries"));
            String table = executeCommand(sessions, "teleop:operators --no-format");
            assertTrue(table, table.contains("10.20.30.40") && table.contains("file-edit")
                    && table.contains("mac:98:b6:e9:12:34:56") && table.contains("10.20.0.0/16"));
        } finally {
            Files.writeString(file, shipped);
        }
        await().atMost(TIMEOUT).until(() -> directory.entries().isEmpty());
    }

    @Test
    public void listKeysOfTheShippedFilesArriveAsTypedArrays() throws Exception {
        assertEquals("5557, 5558", configAdmin.getConfiguration("org.teleopmon.detector.zmq", null).getProperties()
                .get("extra.ports"));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Object ports = componentProperty("ZmqDetector", "extra.ports");
            assertTrue(ports + " is an array", ports != null && ports.getClass().isArray());
            assertEquals(List.of(5557, 5558), numbers(ports));
            Object names = componentProperty("WebRtcDetector", "process.names");
            assertEquals(8, Array.getLength(names));
        });
    }

    @Test
    public void aFormerMillisecondKeyIsReadAsSecondsUnlessTheNewKeyIsSet() throws Exception {
        org.osgi.service.cm.Configuration metrics = configAdmin.getConfiguration("org.teleopmon.metrics", null);
        Dictionary<String, Object> original = metrics.getProperties();
        try {
            Dictionary<String, Object> former = copy(original);
            former.remove("evaluation.interval");
            former.put("evaluation.interval.ms", "250");
            metrics.update(former);
            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertEquals("0.25", String.valueOf(componentProperty("MetricsService", "evaluation.interval")));
                assertNull(componentProperty("MetricsService", "evaluation.interval.ms"));
            });

            Dictionary<String, Object> both = copy(former);
            both.put("evaluation.interval", "0.75");
            metrics.update(both);
            await().atMost(TIMEOUT).untilAsserted(() ->
                    assertEquals("0.75", String.valueOf(componentProperty("MetricsService", "evaluation.interval"))));
        } finally {
            metrics.update(original);
        }
    }

    @Test
    public void aFormerPerDetectorOperatorsKeyStillNamesOperators() throws Exception {
        org.osgi.service.cm.Configuration webrtc = configAdmin.getConfiguration("org.teleopmon.detector.webrtc", null);
        Dictionary<String, Object> original = webrtc.getProperties();
        try {
            Dictionary<String, Object> former = copy(original);
            former.put("operators", "10.9.9.9=legacy-name,10.9.9.10=other");
            webrtc.update(former);
            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertEquals(Optional.of("legacy-name"), directory.nameOf("10.9.9.9"));
                assertEquals(Optional.of("other"), directory.nameOf("10.9.9.10"));
            });
            assertTrue(directory.entries().toString(), directory.entries().stream()
                    .allMatch(e -> e.source().equals("org.teleopmon.detector.webrtc (deprecated key operators)")));
        } finally {
            webrtc.update(original);
        }
        await().atMost(TIMEOUT).until(() -> directory.nameOf("10.9.9.9").isEmpty());
    }

    private Set<String> declaredKeys(String pid) {
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info != null && info.getPids() != null && Arrays.asList(info.getPids()).contains(pid)) {
                ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
                Set<String> keys = new TreeSet<>();
                for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                    keys.add(ad.getID());
                }
                return keys;
            }
        }
        throw new AssertionError("no metatype declares " + pid);
    }

    /** A property of the active component whose name ends with {@code component}, as SCR handed it over. */
    private Object componentProperty(String component, String key) {
        return scr.getComponentDescriptionDTOs().stream().filter(d -> d.name.endsWith("." + component))
                .flatMap(d -> scr.getComponentConfigurationDTOs(d).stream())
                .filter(c -> c.state == ComponentConfigurationDTO.ACTIVE)
                .findFirst().map(c -> c.properties.get(key)).orElse(null);
    }

    private static List<Integer> numbers(Object array) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            numbers.add(((Number) Array.get(array, i)).intValue());
        }
        return numbers;
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> properties) {
        Dictionary<String, Object> copy = new Hashtable<>();
        for (String key : java.util.Collections.list(properties.keys())) {
            copy.put(key, properties.get(key));
        }
        return copy;
    }
}
