package org.teleopmon.capture.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.LoggerFactory;
import org.teleopmon.api.Health;
import org.teleopmon.api.HealthReporter;
import org.teleopmon.api.capture.CaptureService;
import org.teleopmon.api.capture.CaptureStats;
import org.teleopmon.api.capture.PacketListener;

/** The OSGi face of the capture: the packet listener whiteboard, the service and the health reporter. */
@Component(service = {CaptureService.class, HealthReporter.class}, immediate = true,
        configurationPid = CaptureConfig.PID)
@Designate(ocd = CaptureConfig.class)
public class CaptureComponent implements CaptureService, HealthReporter {

    static final Health SWITCHED_OFF = Health.warn("Packet capture is switched off (enabled = false in "
            + "etc/org.teleopmon.capture.cfg): packet detectors see nothing, the ZMQ detector reads the kernel's "
            + "socket table instead.");

    private final Capture capture;
    private final boolean enabled;

    @Activate
    public CaptureComponent(CaptureConfig config) {
        this.capture = new Capture(settings(config));
        this.enabled = config.enabled();
    }

    static CaptureSettings settings(CaptureConfig config) {
        return new CaptureSettings(List.of(config.interfaces()), config.snap_length(),
                config.buffer_size_kb() * 1024, config.promiscuous(), seconds(config.retry_initial()),
                seconds(config.retry_max()), (int) Math.round(config.batch() * 1000), config.netns());
    }

    private static Duration seconds(double value) {
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    @Activate
    void activate() {
        if (enabled) {
            capture.start();
        } else {
            LoggerFactory.getLogger(CaptureComponent.class).warn(SWITCHED_OFF.message());
        }
    }

    @Deactivate
    void deactivate() {
        capture.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(PacketListener listener) {
        capture.add(listener);
    }

    void removeListener(PacketListener listener) {
        capture.remove(listener);
    }

    @Override
    public String component() {
        return "capture";
    }

    @Override
    public Health health() {
        return enabled ? capture.health() : SWITCHED_OFF;
    }

    @Override
    public CaptureStats stats() {
        return capture.stats();
    }

    @Override
    public long replay(Path pcapFile) throws IOException {
        return capture.replay(pcapFile);
    }
}
