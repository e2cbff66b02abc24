/** The Prometheus text endpoint (`jswan daemon --metrics ADDR:PORT`), off by default. */
package org.jswan.gateway.metrics;
