package org.jswan.esp.sa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.jswan.esp.api.Direction;
import org.jswan.esp.api.EspEndpoint;
import org.jswan.esp.api.Mode;
import org.jswan.esp.api.SaSpec;
import org.jswan.esp.api.TrafficSelector;
import org.jswan.esp.crypto.CryptoBackend;
import org.jswan.esp.crypto.EspTransform;
import org.jswan.esp.crypto.EspTransformFactory;
import org.jswan.esp.replay.ReplayWindow;
import org.junit.jupiter.api.Test;

class SecurityAssociationTest {

    /** An SA that cannot be built must not leave its transform's native context and keys behind. */
    @Test
    void aRejectedSaDestroysItsTransform() throws Exception {
        EspTransform transform = EspTransformFactory.create(CryptoBackend.selected(),
                EspTransformFactory.ENCR_AES_GCM_16, 0, 128, new byte[20], new byte[0], true, false);
        ByteBuffer buf = ByteBuffer.allocateDirect(256);
        assertTrue(transform.seal(buf, 0, 64, 1) > 0, "usable before");
        TrafficSelector any = TrafficSelector.of(InetAddress.getByName("10.0.0.0"), 8);
        EspEndpoint ep = new EspEndpoint(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 4500),
                new InetSocketAddress(InetAddress.getByName("192.0.2.2"), 4500), true);
        SaSpec tooWide = new SaSpec(1, Direction.INBOUND, Mode.TUNNEL, 1, ep, EspTransformFactory.ENCR_AES_GCM_16, 0,
                128, new byte[20], null, false, ReplayWindow.MAX_SIZE + 1, null, null, List.of(any), List.of(any), 0);
        assertThrows(IllegalArgumentException.class, () -> new SecurityAssociation(tooWide, transform));
        assertEquals(-1, transform.seal(buf, 0, 64, 2), "destroyed with the SA that failed");
    }
}
