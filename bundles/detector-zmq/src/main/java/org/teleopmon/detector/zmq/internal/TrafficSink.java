package org.teleopmon.detector.zmq.internal;

/** Where connections report decoded messages and framing errors. */
interface TrafficSink {

    void message(Connection connection, boolean toServer, ZmtpMessage message);

    void malformed(Connection connection, boolean toServer, String reason);
}
