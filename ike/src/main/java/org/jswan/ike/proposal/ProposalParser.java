package org.jswan.ike.proposal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jswan.ike.crypto.Algorithm;
import org.jswan.ike.crypto.TransformType;

/**
 * Parses strongSwan-style proposal strings, e.g. {@code aes128gcm16-prfsha256-x25519} or
 * {@code aes128-aes256-sha256-modp2048-ecp256}, comma-separated lists of them, and the {@code default} keyword.
 *
 * <p>Rules (as strongSwan's proposal parser applies them): keywords of different types may come in any order;
 * several of one type are listed in preference order. An IKE proposal needs an encryption algorithm, a PRF (derived
 * from the integrity algorithms when none is named) and a key exchange method; non-AEAD proposals need integrity.
 * AEAD and non-AEAD ciphers must not share a proposal; integrity keywords in an AEAD proposal are dropped. ESP
 * proposals get {@code noesn} when neither {@code esn} nor {@code noesn} is given; PRFs are not allowed there.
 */
public final class ProposalParser {
    private ProposalParser() {
    }

    /**
     * Parses a comma-separated list of proposals. {@code default} expands to {@link DefaultProposals}; an empty
     * string yields the defaults as well (swanctl's behaviour when nothing is configured).
     */
    public static List<ProposalSpec> parseList(final ProtocolKind protocol, final String proposals) {
        final List<ProposalSpec> out = new ArrayList<>();
        if (proposals == null || proposals.isBlank()) {
            return DefaultProposals.of(protocol);
        }
        for (final String part : proposals.split(",", -1)) {
            final String p = part.trim();
            if (p.isEmpty()) {
                throw new ProposalSyntaxException("empty proposal in list '" + proposals + "'", null);
            }
            if (p.equalsIgnoreCase("default")) {
                out.addAll(DefaultProposals.of(protocol));
            } else {
                out.add(parse(protocol, p));
            }
        }
        return List.copyOf(out);
    }

    /** Parses one dash-separated proposal (not {@code default}, which stands for several proposals). */
    public static ProposalSpec parse(final ProtocolKind protocol, final String proposal) {
        if (protocol == ProtocolKind.AH) {
            throw new ProposalSyntaxException("AH proposals are not supported", null);
        }
        final Set<Algorithm> algorithms = new LinkedHashSet<>();
        for (final String keyword : proposal.trim().split("-", -1)) {
            if (keyword.isEmpty()) {
                throw new ProposalSyntaxException("empty keyword in proposal '" + proposal + "'", "");
            }
            final Algorithm a = ProposalKeywords.lookup(keyword);
            if (a == null) {
                final String hint = ProposalKeywords.suggest(keyword);
                throw new ProposalSyntaxException("unknown algorithm keyword '" + keyword + "' in proposal '"
                        + proposal + "'" + (hint != null ? " (did you mean '" + hint + "'?)" : ""), keyword);
            }
            algorithms.add(a);
        }
        return check(protocol, proposal, algorithms);
    }

    private static ProposalSpec check(final ProtocolKind protocol, final String text, final Set<Algorithm> in) {
        final List<Algorithm> encr = ofType(in, TransformType.ENCR);
        List<Algorithm> integ = ofType(in, TransformType.INTEG);
        final List<Algorithm> prf = ofType(in, TransformType.PRF);
        final List<Algorithm> ke = ofType(in, TransformType.KE);
        final List<Algorithm> esn = ofType(in, TransformType.ESN);

        if (encr.isEmpty()) {
            throw new ProposalSyntaxException("an encryption algorithm is mandatory in " + protocol
                    + " proposals ('" + text + "')", null);
        }
        final boolean aead = encr.get(0).isAead();
        for (final Algorithm e : encr) {
            if (e.isAead() != aead) {
                throw new ProposalSyntaxException("AEAD and non-AEAD encryption algorithms must not be mixed in one"
                        + " proposal ('" + text + "'); use separate proposals", null);
            }
        }
        if (aead) {
            integ = List.of(); // RFC 5282 §8: no integrity transform with an AEAD cipher
        } else if (integ.isEmpty()) {
            throw new ProposalSyntaxException("an integrity algorithm is mandatory in non-AEAD proposals ('" + text
                    + "')", null);
        }

        final List<Algorithm> out = new ArrayList<>(encr);
        out.addAll(integ);
        if (protocol == ProtocolKind.IKE) {
            final List<Algorithm> prfs = new ArrayList<>(prf);
            if (prfs.isEmpty()) {
                for (final Algorithm i : ofType(in, TransformType.INTEG)) {
                    final Algorithm derived = ProposalKeywords.prfFor(i);
                    if (derived != null && !prfs.contains(derived)) {
                        prfs.add(derived);
                    }
                }
            }
            if (prfs.isEmpty()) {
                throw new ProposalSyntaxException("a PRF algorithm is mandatory in IKE proposals ('" + text + "')",
                        null);
            }
            if (ke.isEmpty()) {
                throw new ProposalSyntaxException("a key exchange method is mandatory in IKE proposals ('" + text
                        + "')", null);
            }
            if (!esn.isEmpty()) {
                throw new ProposalSyntaxException("esn/noesn is not allowed in IKE proposals ('" + text + "')",
                        esn.get(0) == Algorithm.EXT_SEQ ? "esn" : "noesn");
            }
            out.addAll(prfs);
            out.addAll(ke);
        } else {
            if (!prf.isEmpty()) {
                throw new ProposalSyntaxException("PRF algorithms are not allowed in " + protocol + " proposals ('"
                        + text + "')", null);
            }
            out.addAll(ke);
            out.addAll(esn.isEmpty() ? List.of(Algorithm.NO_EXT_SEQ) : esn);
        }
        final List<TransformSpec> transforms = new ArrayList<>();
        for (final Algorithm a : out) {
            transforms.add(TransformSpec.of(a));
        }
        return new ProposalSpec(protocol, transforms);
    }

    private static List<Algorithm> ofType(final Set<Algorithm> in, final int type) {
        final List<Algorithm> out = new ArrayList<>();
        for (final Algorithm a : in) {
            if (a.type() == type) {
                out.add(a);
            }
        }
        return out;
    }
}
