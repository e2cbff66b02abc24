/**
 * Debug export of negotiated keys (`--save-keys`), in the key-file formats Wireshark reads, as strongSwan's
 * save-keys plugin writes them. Off unless an admin asks for it.
 */
package org.jswan.ike.keys;
