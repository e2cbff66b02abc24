package org.jswan.ike.task;

/** What a task says after building or processing a message (strongSwan's status_t as tasks use it). */
public enum TaskStatus {
    /** The task is done; remove it. */
    SUCCESS,
    /** The task needs another exchange (or another message in this one). */
    NEED_MORE,
    /** The task failed; the IKE_SA is to be destroyed. */
    FAILED,
    /** The task failed in a way that destroys the IKE_SA without any further message. */
    DESTROY_ME
}
