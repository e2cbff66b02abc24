package org.jswan.ike.daemon;

import java.util.Locale;

/**
 * Why an IKE_SA never got established, as a metrics label ({@code jswan_ike_exchanges_total{outcome=...}}), from
 * the reason it was destroyed with; null for deliberate ends (shutdown, terminate).
 */
final class FailureOutcome {
    private FailureOutcome() {
    }

    static String of(final String reason) {
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (r.equals("shutting down") || r.equals("terminated")) {
            return null;
        }
        if (r.equals("peer did not answer")) {
            return "timeout";
        }
        if (r.contains("half-open")) {
            return "half_open_timeout";
        }
        if (r.contains("auth") || r.contains("identity") || r.contains("certificate")) {
            return "auth_failed";
        }
        if (r.contains("no_proposal_chosen") || r.contains("proposal") || r.contains("no matching connection")) {
            return "no_proposal";
        }
        return "failed";
    }
}
