package org.jswan.ike.proposal;

/** A proposal string could not be parsed; the message names the offending keyword or rule. */
public final class ProposalSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String keyword;

    public ProposalSyntaxException(final String message, final String keyword) {
        super(message);
        this.keyword = keyword;
    }

    /** The offending keyword, or null when the error concerns the proposal as a whole. */
    public String keyword() {
        return keyword;
    }
}
