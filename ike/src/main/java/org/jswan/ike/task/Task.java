package org.jswan.ike.task;

import org.jswan.ike.message.IkeMessage;

/**
 * An elementary operation of IKEv2 that takes part in one or more exchanges (strongSwan's task_t). The initiator
 * of an exchange calls {@link #build} on the request and {@link #process} on the response; the responder calls
 * {@link #process} on the request and {@link #build} on the response. Tasks never touch sockets or threads.
 */
public interface Task {

    TaskType type();

    TaskStatus build(OutboundMessage message) throws IkeProtocolException;

    TaskStatus process(IkeMessage message) throws IkeProtocolException;
}
