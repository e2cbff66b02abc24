package org.jswan.ike.task;

/** The kinds of tasks, in the priority order the task manager starts exchanges for them. */
public enum TaskType {
    IKE_INIT, IKE_NATD, IKE_AUTH, IKE_CONFIG, CHILD_CREATE, IKE_DELETE, CHILD_DELETE, CHILD_REKEY, IKE_REKEY, IKE_DPD,
    INFORMATIONAL_NOTIFY
}
