package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
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
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.teleopmon.api.Detector;

/** The distribution boots with every teleop bundle active, and bundles swap without a restart. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT extends TeleopTestSupport {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    BundleContext context;

    @Inject
    ServiceComponentRuntime scr;

    @Inject
    FeaturesService features;

    @Inject
    ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Test
    public void everyTeleopBundleIsActiveAndEveryComponentSatisfied() throws Exception {
        assertTrue(features.isInstalled(features.getFeature("teleop")));
        List<Bundle> teleop = teleopBundles();
        assertTrue("api and config bundles present: " + teleop, teleop.size() >= 2);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (Bundle bundle : teleopBundles()) {
                assertEquals(bundle.getSymbolicName() + " state", Bundle.ACTIVE, bundle.getState());
            }
            assertEquals("unsatisfied components", List.of(), unsatisfiedComponents());
        });
    }

    @Before
    public void installSampleDetector() throws Exception {
        if (!features.isInstalled(features.getFeature("teleop-sample-detector"))) {
            features.installFeature("teleop-sample-detector", EnumSet.noneOf(FeaturesService.Option.class));
        }
        await().atMost(TIMEOUT).until(() -> detectorNames().contains("heartbeat-file"));
    }

    @Test
    public void aDetectorBundleStopsAndStartsWithoutRestartingKaraf() throws Exception {
        Bundle sample = bundle("org.teleopmon.sample-detector");

        sample.stop();
        assertFalse(detectorNames().contains("heartbeat-file"));
        sample.start();

        await().atMost(TIMEOUT).until(() -> detectorNames().contains("heartbeat-file"));
        assertEquals(List.of(), unsatisfiedComponents());
    }

    @Test
    public void anInvalidConfigurationValueKeepsThePreviousOne() throws Exception {
        org.osgi.service.cm.Configuration cfg = configAdmin.getConfiguration("org.teleopmon.detector.heartbeat", "?");
        update(cfg, "freshness", "2.5");
        await().atMost(TIMEOUT).until(() -> "2.5".equals(heartbeatProperty("freshness")));

        update(cfg, "freshness", "not-a-number");
        update(cfg, "confidence", "101");
        // The component keeps the previous freshness and falls back to the default confidence.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertEquals("2.5", heartbeatProperty("freshness"));
            assertEquals("the default", "80", heartbeatProperty("confidence"));
        });
        assertTrue(detectorNames().contains("heartbeat-file"));
        cfg.delete();
    }

    private static void update(org.osgi.service.cm.Configuration cfg, String key, String value) throws Exception {
        Dictionary<String, Object> props = cfg.getProperties() == null ? new Hashtable<>() : cfg.getProperties();
        props.put(key, value);
        cfg.update(props);
    }

    private Object heartbeatProperty(String key) {
        return scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.name.endsWith("HeartbeatFileDetector"))
                .flatMap(d -> scr.getComponentConfigurationDTOs(d).stream())
                .filter(c -> c.state == ComponentConfigurationDTO.ACTIVE)
                .map(c -> c.properties.get(key))
                .map(v -> v == null ? null : String.valueOf(v))
                .findFirst().orElse("no active component");
    }

    private List<String> detectorNames() throws Exception {
        return context.getServiceReferences(Detector.class, null).stream()
                .map(ref -> {
                    Detector detector = context.getService(ref);
                    try {
                        return detector == null ? null : detector.name();
                    } finally {
                        context.ungetService(ref);
                    }
                })
                .filter(Objects::nonNull)
                .collect(Collectors.toList());
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    private List<Bundle> teleopBundles() {
        return Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.teleopmon."))
                .collect(Collectors.toList());
    }

    private List<String> unsatisfiedComponents() {
        Bundle[] teleop = teleopBundles().toArray(new Bundle[0]);
        return scr.getComponentDescriptionDTOs(teleop).stream()
                .filter(ComponentDescriptionDTO.class::isInstance)
                .flatMap(d -> {
                    var configurations = scr.getComponentConfigurationDTOs(d);
                    if (configurations.isEmpty() && d.defaultEnabled) {
                        return java.util.stream.Stream.of(d.name + " (no configuration)");
                    }
                    return configurations.stream()
                            .filter(c -> c.state != ComponentConfigurationDTO.ACTIVE
                                    && c.state != ComponentConfigurationDTO.SATISFIED)
                            .map(c -> d.name + " state " + c.state + " " + Arrays.toString(c.unsatisfiedReferences));
                })
                .collect(Collectors.toList());
    }
}
