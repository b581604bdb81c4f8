package org.teleopmon.shm.reader;

/**
 * One operator slot of the state region. Text fields are cut (at a character boundary) to the
 * slot's field sizes: id and name 64 bytes, source 24 bytes of UTF-8.
 *
 * @param id          stable identity, such as an address
 * @param name        display name
 * @param source      how the identity was learned ({@code NETWORK_ADDRESS}, {@code INPUT_DEVICE}, ...)
 * @param firstSeenMs epoch milliseconds of the first sighting
 * @param lastSeenMs  epoch milliseconds of the latest sighting
 */
public record ShmOperator(String id, String name, String source, long firstSeenMs, long lastSeenMs) {
}
