package org.jswan.ike.spi;

import java.util.List;

/**
 * Everything the data plane needs to install one SA (strongSwan's kernel_ipsec_add_sa_t). Transform IDs are IANA
 * numbers (encryption: Transform Type 1; integrity: Transform Type 3, 0 for AEAD). For AEAD ciphers
 * {@code encryptionKey} ends with the salt (4 bytes for AES-GCM and ChaCha20-Poly1305), as KEYMAT delivers it.
 *
 * @param encapsulation UDP encapsulation ports (RFC 3948), or null for plain ESP
 */
public record AddSaRequest(SaId id, int reqid, boolean inbound, Mode mode, List<Selector> sourceSelectors,
                           List<Selector> destinationSelectors, int encryptionAlgorithm, byte[] encryptionKey,
                           int integrityAlgorithm, byte[] integrityKey, int replayWindow, boolean esn,
                           UdpEncapsulation encapsulation, Lifetime soft, Lifetime hard) {

    public enum Mode { TUNNEL, TRANSPORT }

    /** Source and destination UDP ports of ESP-in-UDP, from this SA's point of view. */
    public record UdpEncapsulation(int sourcePort, int destinationPort) {
    }

    /** Never prints keys. */
    @Override
    public String toString() {
        return "AddSaRequest[" + id + ", reqid " + reqid + (inbound ? ", in" : ", out") + ", " + mode + ", enc "
                + encryptionAlgorithm + ", integ " + integrityAlgorithm + ", src " + sourceSelectors + ", dst "
                + destinationSelectors + (encapsulation == null ? "" : ", udp " + encapsulation.sourcePort + "->"
                + encapsulation.destinationPort) + "]";
    }
}
