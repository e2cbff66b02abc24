package org.jswan.ike.peer;

import java.util.List;
import org.jswan.ike.auth.Identity;

/**
 * The IKE pre-shared keys of swanctl.conf's {@code secrets.ike*} sections. A secret applies to a pair of identities
 * when its ids match them; like strongSwan, a secret matching both identities beats one matching one, which beats
 * a secret without ids.
 */
public final class SharedSecrets {

    /** One {@code secrets.ike<suffix>} entry; {@code ids} empty means it applies to any identity. */
    public record Entry(List<Identity> ids, byte[] secret) {
        public Entry {
            ids = List.copyOf(ids);
            secret = secret.clone();
        }

        @Override
        public String toString() {
            return "Entry[ids=" + ids + ", secret=<redacted>]";
        }
    }

    private final List<Entry> entries;

    public SharedSecrets(final List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** These secrets followed by {@code more} (e.g. PSKs loaded over the control interface). */
    public SharedSecrets plus(final List<Entry> more) {
        List<Entry> all = new java.util.ArrayList<>(entries);
        all.addAll(more);
        return new SharedSecrets(all);
    }

    public static SharedSecrets none() {
        return new SharedSecrets(List.of());
    }

    /** The best secret for this pair of identities, or null. */
    public byte[] find(final Identity local, final Identity remote) {
        Entry best = null;
        int bestScore = -1;
        for (Entry e : entries) {
            int score;
            if (e.ids().isEmpty()) {
                score = 1;
            } else {
                boolean l = matchesAny(e.ids(), local);
                boolean r = matchesAny(e.ids(), remote);
                if (!l && !r) {
                    continue;
                }
                score = (l ? 2 : 0) + (r ? 2 : 0);
            }
            if (score > bestScore) {
                best = e;
                bestScore = score;
            }
        }
        return best == null ? null : best.secret().clone();
    }

    private static boolean matchesAny(final List<Identity> ids, final Identity id) {
        if (id == null) {
            return false;
        }
        for (Identity i : ids) {
            if (i.matches(id) || id.matches(i)) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return entries.size();
    }
}
