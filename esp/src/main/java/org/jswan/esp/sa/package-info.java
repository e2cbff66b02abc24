/** Runtime SAs and the copy-on-write SA database (one writer: the control thread). */
package org.jswan.esp.sa;
