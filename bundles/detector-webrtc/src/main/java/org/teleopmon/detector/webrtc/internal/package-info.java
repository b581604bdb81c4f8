/** The WebRTC detector's implementation: parsers, flow and call tracking, media statistics. */
package org.teleopmon.detector.webrtc.internal;
