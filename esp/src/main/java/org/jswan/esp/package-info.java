/**
 * The ESP data plane (RFC 4303). Knows nothing of IKE: keys arrive through its own API.
 */
package org.jswan.esp;
