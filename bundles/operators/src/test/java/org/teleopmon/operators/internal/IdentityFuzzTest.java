package org.teleopmon.operators.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.teleopmon.testsupport.Fuzz;

/**
 * Random identities and networks as a site's operator directory may hold them: parsing never throws,
 * never asks DNS (no host name is resolved: it would block), and its normal form is a fixed point.
 */
class IdentityFuzzTest {

    private static final String ALPHABET = "0123456789abcdefABCDEF:.-/%xyz mac:usb:id:device: \t[]";

    @Test
    void parsingIsTotalAndItsNormalFormIsAFixedPoint() {
        Random random = Fuzz.random(0x1D);
        int identities = 0;
        int networks = 0;
        for (int round = 0; round < Fuzz.rounds(200_000); round++) {
            String text = random.nextInt(4) == 0 ? mutated(random) : randomText(random);
            Optional<Identity> identity = Identity.parse(text);
            if (identity.isPresent()) {
                identities++;
                assertThat(Identity.parse(identity.get().key()).map(Identity::key)).as("round %d: '%s'", round, text)
                        .contains(identity.get().key());
            }
            Optional<Network> network = Network.parse(text);
            if (network.isPresent()) {
                networks++;
                assertThat(Network.parse(network.get().key()).map(Network::key)).as("round %d: '%s'", round, text)
                        .contains(network.get().key());
            }
        }
        assertThat(identities).isPositive();
        assertThat(networks).isPositive();
    }

    private static String mutated(Random random) {
        String[] valid = {"192.168.1.20", "10.0.0.0/8", "fd00::/8", "fe80::1%eth0", "98:B6:E9:12:34:56",
            "mac:98-b6-e9-12-34-56", "usb:045e:02ea", "device:Xbox Wireless Controller", "2001:db8::7/64"};
        char[] chars = valid[random.nextInt(valid.length)].toCharArray();
        for (int i = random.nextInt(3); i >= 0; i--) {
            chars[random.nextInt(chars.length)] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(chars);
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(30); i > 0; i--) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
