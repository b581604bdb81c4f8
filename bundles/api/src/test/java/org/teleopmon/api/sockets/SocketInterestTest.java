package org.teleopmon.api.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class SocketInterestTest {

    @Test
    void tcpInterestMatchesServerAndClientEnds() {
        SocketInterest interest = SocketInterest.tcp(Set.of(5555));

        assertThat(interest.matches(Protocol.TCP, 5555, 40000)).isTrue();
        assertThat(interest.matches(Protocol.TCP, 40000, 5555)).isTrue();
        assertThat(interest.matches(Protocol.TCP, 40000, 40001)).isFalse();
        assertThat(interest.matches(Protocol.UDP, 5555, 40000)).isFalse();
    }

    @Test
    void allPortsMatchesEverySocketOfItsProtocols() {
        SocketInterest interest = SocketInterest.all(Protocol.UDP);

        assertThat(interest.matches(Protocol.UDP, 1, 2)).isTrue();
        assertThat(interest.matches(Protocol.TCP, 1, 2)).isFalse();
        assertThat(interest.isEmpty()).isFalse();
    }

    @Test
    void interestWithoutPortsOrProtocolsIsEmpty() {
        assertThat(new SocketInterest(Set.of(Protocol.TCP), Set.of(), Set.of(), false).isEmpty()).isTrue();
        assertThat(new SocketInterest(null, Set.of(5555), null, false).isEmpty()).isTrue();
    }

    @Test
    void portsOutOfRangeAreRejected() {
        assertThatThrownBy(() -> SocketInterest.tcp(Set.of(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }

    @Test
    void statesKnowTheirKernelCodesAndWhoClosedFirst() {
        assertThat(TcpState.ofCode(1)).contains(TcpState.ESTABLISHED);
        assertThat(TcpState.ofCode(10)).contains(TcpState.LISTEN);
        assertThat(TcpState.ofCode(14)).isEmpty();
        assertThat(TcpState.ofCode(-1)).isEmpty();
        assertThat(TcpState.CLOSE_WAIT.closedByPeerFirst()).isTrue();
        assertThat(TcpState.TIME_WAIT.closedHereFirst()).isTrue();
        assertThat(TcpState.ESTABLISHED.closedHereFirst() || TcpState.ESTABLISHED.closedByPeerFirst()).isFalse();
    }
}
