package org.jswan.ike.sa;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The life of an IKE_SA, named as strongSwan names it so logs on both peers read alike (ike_sa.h). */
public enum IkeSaState {
    CREATED, CONNECTING, ESTABLISHED, PASSIVE, REKEYING, REKEYED, DELETING, DESTROYING;

    private static final Map<IkeSaState, Set<IkeSaState>> NEXT = new EnumMap<>(IkeSaState.class);

    static {
        NEXT.put(CREATED, EnumSet.of(CONNECTING, ESTABLISHED, DELETING, DESTROYING, PASSIVE));
        NEXT.put(CONNECTING, EnumSet.of(CONNECTING, ESTABLISHED, DELETING, DESTROYING));
        NEXT.put(ESTABLISHED, EnumSet.of(REKEYING, REKEYED, DELETING, DESTROYING, CONNECTING));
        NEXT.put(PASSIVE, EnumSet.of(ESTABLISHED, DELETING, DESTROYING));
        NEXT.put(REKEYING, EnumSet.of(ESTABLISHED, REKEYED, DELETING, DESTROYING));
        NEXT.put(REKEYED, EnumSet.of(DELETING, DESTROYING));
        NEXT.put(DELETING, EnumSet.of(DESTROYING));
        NEXT.put(DESTROYING, EnumSet.noneOf(IkeSaState.class));
    }

    public boolean canMoveTo(final IkeSaState next) {
        return this == next || NEXT.get(this).contains(next);
    }
}
