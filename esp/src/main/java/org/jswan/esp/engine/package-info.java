/**
 * The ESP pipelines: {@link org.jswan.esp.engine.TunReaderAgent} (TUN to ESP), {@link
 * org.jswan.esp.engine.InboundProcessor} (ESP to TUN), the pure {@link org.jswan.esp.engine.Outbound} /
 * {@link org.jswan.esp.engine.Inbound} steps, and {@link org.jswan.esp.engine.EspDataPlane}, the control API.
 */
package org.jswan.esp.engine;
