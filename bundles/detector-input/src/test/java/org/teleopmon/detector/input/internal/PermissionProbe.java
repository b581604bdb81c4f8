package org.teleopmon.detector.input.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs the detector on a fake root and prints its health and device rows once every device is listed:
 * the child process of {@link PermissionDeniedTest}, started as a user without access to the nodes.
 */
public final class PermissionProbe {

    private PermissionProbe() {
    }

    public static void main(String[] args) throws Exception {
        InputDetector detector = new FakeInputTree(Path.of(args[0])).startDetector();
        int expected = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + 20_000_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                List<DeviceRow> rows = detector.devices();
                if (rows.size() == expected && rows.stream().noneMatch(r -> r.status().startsWith("opening"))
                        && detector.health().status() != org.teleopmon.api.Health.Status.OK) {
                    break;
                }
                Thread.sleep(100);
            }
            System.out.println("health=" + detector.health().status() + " " + detector.health().message());
            for (DeviceRow row : detector.devices()) {
                System.out.println("device=" + row.node() + " " + row.kind() + " " + row.vendorProduct() + " " + row.status());
            }
            System.out.println("active=" + detector.detect().active());
        } finally {
            detector.deactivate();
        }
    }
}
