package vn.canhgac.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

    @ParameterizedTest
    @CsvSource({
        "fd00:0:0:0:0:0:0:2, fd00::2",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "fe80:0:0:0:fc:ff:fe00:1, fe80::fc:ff:fe00:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "192.0.2.1, 192.0.2.1",
    })
    void addressesAreWrittenInTheirShortestStandardForm(String address, String expected) throws Exception {
        assertEquals(expected, Addresses.text(InetAddress.getByName(address)));
    }
}
