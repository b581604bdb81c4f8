package org.teleopmon.detector.input.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One device as {@code teleop:input} and {@code GET /detectors} show it. For a keyboard, the rate and
 * last event are those of its teleop keys only.
 *
 * @param lastEvent when a control last changed, or null
 */
public record DeviceRow(String node, String kind, String name, String uniq, String vendorProduct, String family,
        String consumer, double rateHz, Instant lastEvent, boolean driving, int activeControls, String status) {

    /** The row as {@code /detectors} writes it (through the wire schema). */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("node", node);
        map.put("kind", kind);
        map.put("name", name);
        map.put("uniq", uniq);
        map.put("vendor_product", vendorProduct);
        map.put("family", family);
        map.put("consumer", consumer);
        map.put("rate_hz", Math.round(rateHz * 10) / 10.0);
        map.put("last_event", lastEvent);
        map.put("driving", driving);
        map.put("active_controls", activeControls);
        map.put("status", status);
        return map;
    }
}
