/**
 * The configuration model and its parser for strongSwan's swanctl.conf format. Depends on nothing of jswan's.
 */
package org.jswan.config;
