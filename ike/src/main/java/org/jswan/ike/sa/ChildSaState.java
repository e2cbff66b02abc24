package org.jswan.ike.sa;

/** The life of a CHILD_SA, named as strongSwan names it (child_sa.h). */
public enum ChildSaState {
    CREATED, ROUTED, INSTALLING, INSTALLED, UPDATING, REKEYING, REKEYED, RETRYING, DELETING, DELETED, DESTROYING
}
