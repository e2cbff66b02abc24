/** Anti-replay (RFC 4303 §3.4.3, RFC 6479, ESN per RFC 4303 Appendix A). Single-writer state, no locks. */
package org.jswan.esp.replay;
