/** The network detector's implementation: the flow table, decoders, classifier and view. */
package org.teleopmon.detector.network.internal;
