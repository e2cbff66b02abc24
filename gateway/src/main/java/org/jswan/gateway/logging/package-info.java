/**
 * strongSwan-style logging: subsystems and levels as in {@code charondebug}, loggers to stdout, stderr or files as
 * in strongswan.conf's {@code filelog} section ({@link org.jswan.gateway.logging.LogSettings}), set up on
 * java.util.logging so every module logs through plain {@code System.getLogger(SUBSYSTEM)}.
 */
package org.jswan.gateway.logging;
