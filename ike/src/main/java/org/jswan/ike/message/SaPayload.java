package org.jswan.ike.message;

import java.util.ArrayList;
import java.util.List;
import org.jswan.ike.codec.DecodeException;

/**
 * Security Association payload (RFC 7296 §3.3): one or more Proposal substructures.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ~                          &lt;Proposals&gt;                          ~
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record SaPayload(List<Proposal> proposals) implements Payload {
    /** Bound on proposals per SA payload (strongSwan sends at most a handful; 64 is generous). */
    public static final int MAX_PROPOSALS = 64;

    public SaPayload {
        proposals = List.copyOf(proposals);
    }

    public static SaPayload decode(final WireReader body) throws DecodeException {
        final List<Proposal> proposals = new ArrayList<>();
        boolean last = false;
        while (!last) {
            if (proposals.size() == MAX_PROPOSALS) {
                throw DecodeException.invalidSyntax("more than " + MAX_PROPOSALS + " proposals");
            }
            // RFC 7296 §3.3.1: Last Substruc is 0 for the last proposal, 2 otherwise.
            final int lastSubstruc = body.u8("proposal last substruc");
            if (lastSubstruc != 0 && lastSubstruc != 2) {
                throw DecodeException.invalidSyntax("proposal last substruc " + lastSubstruc);
            }
            last = lastSubstruc == 0;
            body.skip(1, "proposal reserved");
            final int length = body.u16("proposal length");
            if (length < 8) {
                throw DecodeException.invalidSyntax("proposal length " + length);
            }
            proposals.add(Proposal.decode(body.slice(length - 4, "proposal")));
        }
        body.expectEnd("SA payload");
        return new SaPayload(proposals);
    }

    @Override
    public PayloadType type() {
        return PayloadType.SA;
    }

    @Override
    public void encodeBody(final WireWriter out) {
        for (int i = 0; i < proposals.size(); i++) {
            final int start = out.size();
            out.u8(i == proposals.size() - 1 ? 0 : 2).u8(0).u16(0);
            proposals.get(i).encodeAfterHeader(out);
            out.setU16(start + 2, out.size() - start);
        }
    }
}
