package org.jswan.ike.proposal;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.crypto.Algorithm;
import org.jswan.ike.crypto.NegotiatedTransforms;
import org.jswan.ike.crypto.TransformType;

/**
 * Chooses one of the peer's proposals against our configured ones (RFC 7296 §2.7, §3.3.6).
 *
 * <p>Preference: strongSwan's responder by default ({@code charon.prefer_configured_proposals = yes}) walks ITS
 * OWN proposals in configured order and takes the first peer proposal that matches, and within a transform type
 * it also prefers its own order. {@link Preference#CONFIGURED} does this and is the default;
 * {@link Preference#PEER} takes the peer's order instead (strongSwan with the option disabled).
 *
 * <p>Match rules: same protocol; for every transform type either both sides have none, or one transform of the
 * type is common (same ID and same Key Length attribute, §3.3.6: "the Key Length attribute MUST match"). The peer's
 * INTEG "NONE" (ID 0) with an AEAD cipher and KE "NONE" (ID 0) count as absent. An ESP proposal without an ESN
 * transform is read as NO_EXT_SEQ. Transforms of types we do not know make the proposal unacceptable, since every
 * type present must be chosen (§3.3.6).
 */
public final class ProposalSelector {
    /** Whose order decides between several acceptable proposals and transforms. */
    public enum Preference {
        CONFIGURED,
        PEER
    }

    private static final int[] TYPES = {TransformType.ENCR, TransformType.PRF, TransformType.INTEG,
        TransformType.KE, TransformType.ESN};

    private ProposalSelector() {
    }

    /** {@link #select(List, List, Preference, int)} with strongSwan's default preference and no KE constraint. */
    public static Selection select(final List<ProposalSpec> ours, final List<Proposal> offered) {
        return select(ours, offered, Preference.CONFIGURED, -1);
    }

    /**
     * @param peerKeGroup the KE method of the peer's KE payload (IKE_SA_INIT, or CREATE_CHILD_SA with PFS),
     *        or -1 when the request has no KE payload. A proposal using that group is preferred over all others;
     *        when only other groups match, the result is {@link Selection.InvalidKePayload} naming the group of the
     *        proposal that would have been selected (RFC 7296 §1.2).
     */
    public static Selection select(final List<ProposalSpec> ours, final List<Proposal> offered,
                                   final Preference preference, final int peerKeGroup) {
        if (peerKeGroup >= 0) {
            final Selection.Selected withGroup = selectFirst(ours, offered, preference, peerKeGroup);
            if (withGroup != null) {
                return withGroup;
            }
        }
        final Selection.Selected any = selectFirst(ours, offered, preference, -1);
        if (any == null) {
            return new Selection.NoProposalChosen("no acceptable proposal among " + offered.size() + " offered");
        }
        final Algorithm ke = any.transforms().keyExchange();
        if (peerKeGroup >= 0 && ke != null && ke.transformId() != peerKeGroup) {
            return new Selection.InvalidKePayload(ke.transformId(), any.proposal());
        }
        return any;
    }

    /**
     * Checks the responder's answer against what we offered (initiator side): it must hold exactly one transform
     * of each type and match one of our proposals (RFC 7296 §2.7).
     */
    public static Selection verifyResponse(final List<ProposalSpec> offered, final Proposal response) {
        for (final int type : TYPES) {
            if (response.transformsOf(type).size() > 1) {
                return new Selection.NoProposalChosen("response has several " + TransformType.name(type)
                        + " transforms");
            }
        }
        if (response.transforms().stream().anyMatch(t -> !isKnownType(t.type()))) {
            return new Selection.NoProposalChosen("response has a transform of unknown type");
        }
        return select(offered, List.of(response));
    }

    private static Selection.Selected selectFirst(final List<ProposalSpec> ours, final List<Proposal> offered,
                                                  final Preference preference, final int requiredKe) {
        if (preference == Preference.CONFIGURED) {
            for (final ProposalSpec our : ours) {
                for (final Proposal their : offered) {
                    final Selection.Selected s = match(our, their, true, requiredKe);
                    if (s != null) {
                        return s;
                    }
                }
            }
        } else {
            for (final Proposal their : offered) {
                for (final ProposalSpec our : ours) {
                    final Selection.Selected s = match(our, their, false, requiredKe);
                    if (s != null) {
                        return s;
                    }
                }
            }
        }
        return null;
    }

    private static Selection.Selected match(final ProposalSpec our, final Proposal their, final boolean oursFirst,
                                            final int requiredKe) {
        if (our.protocol() != their.protocol()) {
            return null;
        }
        for (final TransformSpec t : their.transforms()) {
            if (!isKnownType(t.type())) {
                return null;
            }
        }
        final List<TransformSpec> chosen = new ArrayList<>();
        for (final int type : TYPES) {
            final List<TransformSpec> mine = effective(our.protocol(), type, our.transformsOf(type));
            final List<TransformSpec> theirs = effective(their.protocol(), type, their.transformsOf(type));
            if (type == TransformType.KE && requiredKe >= 0) {
                final TransformSpec want = new TransformSpec(TransformType.KE, requiredKe, 0);
                if (!mine.contains(want) || !theirs.contains(want)) {
                    return null;
                }
                chosen.add(want);
                continue;
            }
            if (mine.isEmpty() && theirs.isEmpty()) {
                continue;
            }
            final TransformSpec pick = pick(oursFirst ? mine : theirs, oursFirst ? theirs : mine);
            if (pick == null) {
                return null;
            }
            if (pick.id() != 0 || type == TransformType.ESN) {
                chosen.add(pick);
            }
        }
        return toSelected(their, chosen);
    }

    /** The first of {@code preferred} that {@code other} also has; null when none. */
    private static TransformSpec pick(final List<TransformSpec> preferred, final List<TransformSpec> other) {
        for (final TransformSpec t : preferred) {
            if (other.contains(t)) {
                return t;
            }
        }
        return null;
    }

    /** Normalises "none" encodings so that absent and NONE compare equal. */
    private static List<TransformSpec> effective(final ProtocolKind protocol, final int type,
                                                 final List<TransformSpec> list) {
        final List<TransformSpec> out = new ArrayList<>();
        for (final TransformSpec t : list) {
            if ((type == TransformType.INTEG || type == TransformType.KE) && t.id() == 0) {
                continue; // NONE: treated like an absent transform; "none" is then only acceptable if nothing else
            }
            out.add(t);
        }
        final boolean hadNone = out.size() < list.size();
        if (type == TransformType.KE && (hadNone || out.isEmpty())) {
            out.add(new TransformSpec(TransformType.KE, 0, 0)); // "no KE" is NONE, the last choice if optional
        }
        if (type == TransformType.ESN && protocol != ProtocolKind.IKE && out.isEmpty()) {
            out.add(TransformSpec.of(Algorithm.NO_EXT_SEQ));
        }
        return out;
    }

    private static Selection.Selected toSelected(final Proposal their, final List<TransformSpec> chosen) {
        Algorithm encr = null;
        Algorithm integ = null;
        Algorithm prf = null;
        Algorithm ke = null;
        boolean esn = false;
        for (final TransformSpec t : chosen) {
            final Algorithm a = t.algorithm().orElse(null);
            if (a == null) {
                return null; // a transform we cannot implement (only possible if our config lists one)
            }
            switch (t.type()) {
                case TransformType.ENCR:
                    encr = a;
                    break;
                case TransformType.INTEG:
                    integ = a;
                    break;
                case TransformType.PRF:
                    prf = a;
                    break;
                case TransformType.KE:
                    ke = a;
                    break;
                default:
                    esn = a == Algorithm.EXT_SEQ;
                    break;
            }
        }
        if (encr == null || encr.isAead() == (integ != null)) {
            return null; // RFC 5282 §8: AEAD needs no INTEG; others need one
        }
        if (their.protocol() == ProtocolKind.IKE && (prf == null || ke == null)) {
            return null; // RFC 7296 §3.3.3: IKE needs ENCR, PRF, INTEG (non-AEAD) and KE
        }
        final NegotiatedTransforms nt = new NegotiatedTransforms(encr, integ, prf, ke, esn);
        return new Selection.Selected(new Proposal(their.number(), their.protocol(), their.spi(), chosen), nt);
    }

    private static boolean isKnownType(final int type) {
        return type >= TransformType.ENCR && type <= TransformType.ESN;
    }
}
