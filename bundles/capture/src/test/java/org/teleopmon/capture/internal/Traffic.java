package org.teleopmon.capture.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Real loopback traffic, on ports from {@link org.teleopmon.testsupport.FreePort}. */
final class Traffic {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Traffic() {
    }

    static void sendUdp(int port, byte[]... datagrams) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
            for (byte[] d : datagrams) {
                socket.send(new DatagramPacket(d, d.length, new InetSocketAddress(LOOPBACK, port)));
            }
        }
    }

    /** Opens a connection to a server on {@code port}, writes {@code data}, waits for the server to read it all. */
    static void sendTcp(ServerSocket server, byte[] data) throws IOException {
        try (Socket client = new Socket(LOOPBACK, server.getLocalPort()); Socket accepted = server.accept()) {
            OutputStream out = client.getOutputStream();
            out.write(data);
            out.flush();
            InputStream in = accepted.getInputStream();
            in.readNBytes(data.length);
            client.shutdownOutput();
            in.read();
        }
    }
}
