package org.teleopmon.capture.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a classic pcap file (microsecond timestamps) so tests can replay any link type. */
final class PcapFileWriter {

    private final ByteBuffer out = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

    PcapFileWriter(int linkType) {
        out.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
    }

    PcapFileWriter add(long seconds, int micros, byte[] frame) {
        out.putInt((int) seconds).putInt(micros).putInt(frame.length).putInt(frame.length).put(frame);
        return this;
    }

    void write(Path file, int dropLastBytes) throws IOException {
        Files.write(file, java.util.Arrays.copyOf(out.array(), out.position() - dropLastBytes));
    }
}
