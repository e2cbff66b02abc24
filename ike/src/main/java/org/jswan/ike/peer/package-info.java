/**
 * The IKE daemon's view of configuration: connections with parsed proposals, identities, traffic selectors and
 * timers, built from the swanctl.conf model of the config module.
 */
package org.jswan.ike.peer;
