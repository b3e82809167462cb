package io.trustgate.gateway.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitsTest {

    @Test
    void parsesSizesWithBinaryUnits() {
        assertThat(Units.parseSize("512mb")).isEqualTo(512L * 1024 * 1024);
        assertThat(Units.parseSize("64kb")).isEqualTo(64 * 1024);
        assertThat(Units.parseSize("1gb")).isEqualTo(1L << 30);
        assertThat(Units.parseSize("1GB")).isEqualTo(1L << 30);
        assertThat(Units.parseSize("10b")).isEqualTo(10);
        assertThat(Units.parseSize("1048576")).isEqualTo(1048576);
        assertThat(Units.parseSize(" 2 mb ")).isEqualTo(2L * 1024 * 1024);
    }

    @Test
    void rejectsMalformedOrOverflowingSizes() {
        assertThatThrownBy(() -> Units.parseSize("12tb")).hasMessage(Units.SIZE_EXPECTED + ", got '12tb'");
        assertThatThrownBy(() -> Units.parseSize("-1")).hasMessageStartingWith(Units.SIZE_EXPECTED);
        assertThatThrownBy(() -> Units.parseSize("1.5mb")).hasMessageStartingWith(Units.SIZE_EXPECTED);
        assertThatThrownBy(() -> Units.parseSize("99999999999gb")).hasMessageEndingWith("(too large)");
    }

    @Test
    void parsesDurationsWithUnitsOrPlainMillis() {
        assertThat(Units.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Units.parseDuration("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Units.parseDuration("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Units.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Units.parseDuration("1500")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Units.parseDuration("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsMalformedDurations() {
        assertThatThrownBy(() -> Units.parseDuration("2 days")).hasMessage(Units.DURATION_EXPECTED + ", got '2 days'");
        assertThatThrownBy(() -> Units.parseDuration("1.5s")).hasMessageStartingWith(Units.DURATION_EXPECTED);
        assertThatThrownBy(() -> Units.parseDuration("")).hasMessageStartingWith(Units.DURATION_EXPECTED);
    }

    @Test
    void parsesHostPortAndBracketedIpv6() {
        assertThat(Units.parseAddress("127.0.0.1:6379")).isEqualTo(new HostPort("127.0.0.1", 6379));
        assertThat(Units.parseAddress("redis.internal:1")).isEqualTo(new HostPort("redis.internal", 1));
        assertThat(Units.parseAddress("[::1]:7000")).isEqualTo(new HostPort("::1", 7000));
        assertThat(new HostPort("::1", 7000)).hasToString("[::1]:7000");
    }

    @Test
    void rejectsAddressesWithoutAValidPort() {
        assertThatThrownBy(() -> Units.parseAddress("localhost")).hasMessageStartingWith(Units.ADDRESS_EXPECTED);
        assertThatThrownBy(() -> Units.parseAddress("localhost:0")).hasMessageStartingWith(Units.ADDRESS_EXPECTED);
        assertThatThrownBy(() -> Units.parseAddress("localhost:65536")).hasMessageStartingWith(Units.ADDRESS_EXPECTED);
        assertThatThrownBy(() -> Units.parseAddress(":6379")).hasMessageStartingWith(Units.ADDRESS_EXPECTED);
        assertThatThrownBy(() -> Units.parseAddress("::1:6379")).hasMessageContaining("bracket IPv6");
    }
}
