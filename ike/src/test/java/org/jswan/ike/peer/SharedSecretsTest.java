package org.jswan.ike.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.jswan.ike.auth.Identity;
import org.junit.jupiter.api.Test;

class SharedSecretsTest {

    @Test
    void plusAddsEntriesWithoutChangingTheOriginal() {
        Identity sun = Identity.fqdn("sun.example.org");
        Identity moon = Identity.fqdn("moon.example.org");
        SharedSecrets base = new SharedSecrets(List.of(new SharedSecrets.Entry(List.of(sun), new byte[] {1})));
        SharedSecrets more = base.plus(List.of(new SharedSecrets.Entry(List.of(moon, sun), new byte[] {2})));
        assertEquals(1, base.size());
        assertEquals(2, more.size());
        // The entry naming both identities beats the one naming only the peer.
        assertArrayEquals(new byte[] {2}, more.find(moon, sun));
        assertArrayEquals(new byte[] {1}, base.find(moon, sun));
        assertNull(SharedSecrets.none().plus(List.of()).find(moon, sun));
    }
}
