package org.teleopmon.api;

/** Where an operator's identity was learned. */
public enum IdentitySource {
    /** The remote address of a connection the operator opened (ZMQ, WebRTC, WebSocket). */
    NETWORK_PEER,
    /** An operator id carried inside the teleoperation messages themselves. */
    MESSAGE_FIELD,
    /** A local input device: name, Bluetooth MAC or USB serial. */
    INPUT_DEVICE,
    /** Anything else a custom detector knows. */
    OTHER
}
