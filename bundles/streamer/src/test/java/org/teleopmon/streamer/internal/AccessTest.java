package org.teleopmon.streamer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AccessTest {

    @Test
    void noTokenConfiguredLetsEveryoneIn() {
        assertThat(new Access("", List.of()).authorised(null, null)).isTrue();
    }

    @Test
    void theTokenComesAsBearerHeaderOrQueryParameter() {
        Access access = new Access("s3cret", List.of());
        assertThat(access.authorised("Bearer s3cret", null)).isTrue();
        assertThat(access.authorised("bearer s3cret", null)).isTrue();
        assertThat(access.authorised(null, "s3cret")).isTrue();
        assertThat(access.authorised("Bearer s3cre", null)).isFalse();
        assertThat(access.authorised("Basic czNjcmV0", null)).isFalse();
        assertThat(access.authorised(null, null)).isFalse();
    }

    @Test
    void originsMustBeTheSameOrAllowed() {
        Access access = new Access("", List.of("http://dash.local:8080/"), List.of("robot"), "127.0.0.1");
        assertThat(access.originAllowed(null, "robot:8765")).isTrue();
        assertThat(access.originAllowed("http://robot:8765", "robot:8765")).isTrue();
        assertThat(access.originAllowed("HTTP://DASH.local:8080", "robot:8765")).isTrue();
        assertThat(access.originAllowed("http://evil.example", "robot:8765")).isFalse();
        assertThat(access.originAllowed("not a uri", "robot:8765")).isFalse();
        assertThat(new Access("", List.of("*")).originAllowed("http://any", "robot")).isTrue();
    }

    @Test
    void onLoopbackOnlyLocalNamesAddressesAndConfiguredNamesAreHosts() {
        Access loopback = new Access("", List.of(), List.of("Robot.Local"), "127.0.0.1");
        assertThat(loopback.hostAllowed("localhost:8765")).isTrue();
        assertThat(loopback.hostAllowed("127.0.0.1")).isTrue();
        assertThat(loopback.hostAllowed("[::1]:8765")).isTrue();
        assertThat(loopback.hostAllowed("192.168.1.20:8765")).isTrue();
        assertThat(loopback.hostAllowed("robot.local.:8765")).isTrue();
        assertThat(loopback.hostAllowed(null)).isTrue();
        assertThat(loopback.hostAllowed("evil.example")).isFalse();
        assertThat(loopback.hostAllowed("127.0.0.1.nip.io")).isFalse();
        assertThat(loopback.hostAllowed("localhost.evil.example:8765")).isFalse();
        // a same-origin page is only as good as its host name
        assertThat(loopback.originAllowed("http://evil.example:8765", "evil.example:8765")).isFalse();
    }

    @Test
    void onAPublicAddressAnyNameUnlessNamesAreConfigured() {
        assertThat(new Access("", List.of(), List.of(), "0.0.0.0").hostAllowed("robot-7.lab")).isTrue();
        Access named = new Access("", List.of(), List.of("robot-7.lab"), "0.0.0.0");
        assertThat(named.hostAllowed("robot-7.lab:8765")).isTrue();
        assertThat(named.hostAllowed("evil.example")).isFalse();
        assertThat(new Access("", List.of(), List.of("*"), "127.0.0.1").hostAllowed("evil.example")).isTrue();
    }
}
