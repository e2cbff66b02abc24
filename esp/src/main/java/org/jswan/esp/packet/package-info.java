/** Wire layouts (offset constants and small writers) for ESP, IPv4 and IPv6 headers over direct buffers. */
package org.jswan.esp.packet;
