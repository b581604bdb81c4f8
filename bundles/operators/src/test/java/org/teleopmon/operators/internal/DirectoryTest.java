package org.teleopmon.operators.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.teleopmon.api.OperatorDirectory.Entry;

class DirectoryTest {

    private final List<String> problems = new ArrayList<>();

    private Directory directory(String... lines) {
        return new Directory(Map.of("org.teleopmon.operators", List.of(lines)), problems::add);
    }

    @Test
    void anExactAddressMatchesOnlyItself() {
        Directory d = directory("192.168.1.20 = alice");

        assertThat(d.nameOf("192.168.1.20")).contains("alice");
        assertThat(d.nameOf(" 192.168.1.20 ")).contains("alice");
        assertThat(d.nameOf("192.168.1.21")).isEmpty();
        assertThat(d.nameOf("192.168.1.2")).isEmpty();
    }

    @Test
    void ipv6AddressesMatchHoweverTheyAreWritten() {
        Directory d = directory("fe80:0:0::1 = alice", "::ffff:10.0.0.7 = bob");

        assertThat(d.nameOf("fe80::1")).contains("alice");
        assertThat(d.nameOf("FE80::0:1%eth0")).contains("alice");
        assertThat(d.nameOf("10.0.0.7")).as("an IPv4-mapped address is the IPv4 address").contains("bob");
    }

    @Test
    void theNarrowestNetworkHoldingTheAddressWinsAndAnExactEntryBeatsAll() {
        Directory d = directory("10.0.0.0/8 = site", "10.1.2.0/24 = lab", "10.1.2.3 = carol", "10.1.0.0/16 = building");

        assertThat(d.nameOf("10.1.2.3")).contains("carol");
        assertThat(d.nameOf("10.1.2.4")).contains("lab");
        assertThat(d.nameOf("10.1.9.9")).contains("building");
        assertThat(d.nameOf("10.200.0.1")).contains("site");
        assertThat(d.nameOf("11.0.0.1")).isEmpty();
        assertThat(d.entries()).extracting(Entry::identity)
                .containsExactly("10.1.2.3", "10.1.2.0/24", "10.1.0.0/16", "10.0.0.0/8");
    }

    @Test
    void networksWithOddPrefixesAndHostBitsSet() {
        Directory d = directory("192.168.1.77/26 = quarter", "fd00::/8 = ula", "0.0.0.0/0 = anyone");

        assertThat(d.entries()).extracting(Entry::identity).contains("192.168.1.64/26");
        assertThat(d.nameOf("192.168.1.127")).contains("quarter");
        assertThat(d.nameOf("192.168.1.128")).contains("anyone");
        assertThat(d.nameOf("fd12:3456::1")).contains("ula");
        assertThat(d.nameOf("fe80::1")).as("an IPv6 address is in no IPv4 network").isEmpty();
    }

    @Test
    void macAddressesIgnoreCaseAndSeparator() {
        Directory d = directory("mac:98:B6:E9:12:34:56 = bob");

        assertThat(d.nameOf("mac:98:b6:e9:12:34:56")).contains("bob");
        assertThat(d.nameOf("MAC:98-B6-E9-12-34-56")).contains("bob");
        assertThat(d.nameOf("98:b6:e9:12:34:56")).as("a bare MAC is a MAC").contains("bob");
        assertThat(d.nameOf("mac:98:b6:e9:12:34:57")).isEmpty();
        assertThat(d.entries()).extracting(Entry::identity).containsExactly("mac:98:b6:e9:12:34:56");
    }

    @Test
    void usbSerialsAreExactAndDeviceNamesIgnoreCase() {
        Directory d = directory("usb:5A7C118634 = carol", "device:Xbox Wireless Controller = dave");

        assertThat(d.nameOf("usb:5A7C118634")).contains("carol");
        assertThat(d.nameOf("usb:5a7c118634")).isEmpty();
        assertThat(d.nameOf("device:xbox wireless controller")).contains("dave");
        assertThat(d.nameOf("device:Xbox Wireless Controller ")).contains("dave");
    }

    @Test
    void operatorIdsWithOrWithoutPrefix() {
        Directory d = directory("alice-laptop = Alice", "id:bob = Bob");

        assertThat(d.nameOf("alice-laptop")).contains("Alice");
        assertThat(d.nameOf("id:alice-laptop")).contains("Alice");
        assertThat(d.nameOf("bob")).contains("Bob");
        assertThat(d.nameOf("10.0.0.7")).isEmpty();
    }

    @Test
    void badLinesAreReportedAndTheRestKept() {
        Directory d = directory("192.168.1.20 = alice", "no-name", "mac:98:B6 = x", "10.0.0.0/33 = y",
                "192.168.1.20 = again", " = nobody");

        assertThat(d.entries()).extracting(Entry::name).containsExactly("alice");
        assertThat(problems).containsExactly(
                "org.teleopmon.operators: 'no-name' is not 'identity = name'; ignored",
                "org.teleopmon.operators: 'mac:98:B6' is not a valid identity (mac: needs six hex pairs); ignored",
                "org.teleopmon.operators: '10.0.0.0/33' is not a network such as 192.168.1.0/24; ignored",
                "org.teleopmon.operators: '192.168.1.20' is named already; 'again' ignored",
                "org.teleopmon.operators: '= nobody' is not 'identity = name'; ignored");
    }

    @Test
    void earlierSourcesWinAndEveryEntryKeepsItsSource() {
        Map<String, List<String>> sources = new LinkedHashMap<>();
        sources.put("org.teleopmon.operators", List.of("10.0.0.7 = alice"));
        sources.put("org.teleopmon.detector.zmq (deprecated key operators)", List.of("10.0.0.7=old", "10.0.0.8=bob"));
        Directory d = new Directory(sources, problems::add);

        assertThat(d.nameOf("10.0.0.7")).contains("alice");
        assertThat(d.nameOf("10.0.0.8")).contains("bob");
        assertThat(d.entries()).containsExactly(new Entry("10.0.0.7", "alice", "org.teleopmon.operators"),
                new Entry("10.0.0.8", "bob", "org.teleopmon.detector.zmq (deprecated key operators)"));
    }

    @Test
    void hostNamesAreOperatorIdsAndNeverLookedUp() {
        Directory d = directory("robot.local = r", "10.0.0.256 = notanaddress");

        assertThat(d.nameOf("robot.local")).contains("r");
        assertThat(d.entries()).extracting(Entry::identity).containsExactly("id:robot.local", "id:10.0.0.256");
    }
}
