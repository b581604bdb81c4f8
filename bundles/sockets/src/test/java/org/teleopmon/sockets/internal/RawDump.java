package org.teleopmon.sockets.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.teleopmon.api.sockets.Protocol;
import org.teleopmon.api.sockets.SocketEntry;
import org.teleopmon.api.sockets.SocketInterest;

/**
 * The reply datagrams of one dump, byte for byte as the kernel sent them: what the fixtures hold. A fixture
 * file is the request's sequence number, then each datagram as its length and bytes (big-endian framing
 * around the kernel's native-order bytes; recorded on little-endian x86-64, as x86 and ARM robots are).
 */
record RawDump(int sequence, List<byte[]> datagrams) {

    /** Dumps from the kernel through {@code socket}, keeping every datagram up to the end of the dump. */
    static RawDump record(NetlinkSocket socket, int sequence, Protocol protocol, int family, byte[] bytecode)
            throws NetlinkException {
        socket.send(DiagRequest.encode(socket.request(), sequence, family, protocol.number(), bytecode));
        List<byte[]> datagrams = new ArrayList<>();
        DiagReply reply = new DiagReply();
        while (true) {
            int length = socket.receive();
            byte[] copy = new byte[length];
            socket.reply().get(0, copy);
            datagrams.add(copy);
            reply.begin(socket.reply(), length, sequence);
            DiagReply.Item item;
            try {
                while ((item = reply.next()) == DiagReply.Item.SOCKET) {
                    // walk to the end
                }
            } catch (NetlinkException e) {
                return new RawDump(sequence, datagrams); // an error reply ends the dump: keep it
            }
            if (item == DiagReply.Item.DONE) {
                return new RawDump(sequence, datagrams);
            }
        }
    }

    byte[] toBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(sequence);
            for (byte[] datagram : datagrams) {
                out.writeInt(datagram.length);
                out.write(datagram);
            }
        }
        return bytes.toByteArray();
    }

    static RawDump read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int sequence = in.readInt();
        List<byte[]> datagrams = new ArrayList<>();
        while (in.available() > 0) {
            datagrams.add(in.readNBytes(in.readInt()));
        }
        return new RawDump(sequence, datagrams);
    }

    static RawDump resource(String name) throws IOException {
        try (InputStream in = RawDump.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IOException("no fixture " + name);
            }
            return read(in);
        }
    }

    /** Decodes every datagram as the reader does; throws what the decoder throws. */
    List<SocketEntry> decode(Protocol protocol, SocketInterest interest) throws NetlinkException {
        List<SocketEntry> sockets = new ArrayList<>();
        DiagReply reply = new DiagReply();
        AddressCache addresses = new AddressCache();
        for (byte[] datagram : datagrams) {
            reply.begin(ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder()), datagram.length, sequence);
            DiagReply.Item item;
            while ((item = reply.next()) == DiagReply.Item.SOCKET) {
                if (interest.matches(protocol, reply.localPort(), reply.remotePort())) {
                    sockets.add(TableReader.entry(protocol, reply, addresses));
                }
            }
            if (item == DiagReply.Item.DONE) {
                break;
            }
        }
        return sockets;
    }
}
