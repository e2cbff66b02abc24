/**
 * ESP transforms (RFC 4106, RFC 7634, RFC 3602 + RFC 4868) working in place on direct buffers through JCA.
 * Depends on nothing else in {@code org.jswan.esp}.
 */
package org.jswan.esp.crypto;
