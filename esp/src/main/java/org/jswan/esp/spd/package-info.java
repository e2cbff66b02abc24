/** Security policy database: compiled selectors and the outbound policy table (RFC 4301 §4.4.1). */
package org.jswan.esp.spd;
