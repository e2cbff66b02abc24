/**
 * The ports of the IKE daemon. {@link org.jswan.ike.spi.IpsecBackend} is the one contract between IKE and the data
 * plane, in the spirit of strongSwan's kernel_ipsec_t: IKE owns it, the gateway implements it on top of the ESP
 * engine (as strongSwan's kernel-libipsec plugin does on top of libipsec). Nothing here may import the ESP module.
 */
package org.jswan.ike.spi;
