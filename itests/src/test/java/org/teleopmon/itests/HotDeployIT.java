package org.teleopmon.itests;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.teleopmon.api.Detector;

/** A custom detector jar dropped into deploy/ comes up as a detector, and leaves when removed. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT extends TeleopTestSupport {

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Test
    public void detectorDroppedIntoDeployIsPickedUpAndRemoved() throws Exception {
        Path jar = Path.of(System.getProperty("teleop.sample.detector.jar"));
        Path deployed = Path.of(System.getProperty("karaf.base"), "deploy", jar.getFileName().toString());

        Files.copy(jar, deployed, StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(30)).until(() -> detectorCount() == 1);

        Files.delete(deployed);
        await().atMost(Duration.ofSeconds(30)).until(() -> detectorCount() == 0);
    }

    private int detectorCount() throws Exception {
        return context.getServiceReferences(Detector.class, "(component.name=*HeartbeatFileDetector)").size();
    }
}
