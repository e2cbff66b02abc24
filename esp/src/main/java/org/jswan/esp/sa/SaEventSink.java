package org.jswan.esp.sa;

/** Where data threads report lifetime crossings; implemented by the data plane's event queue. */
public interface SaEventSink {
    void softExpired(SecurityAssociation sa);

    void hardExpired(SecurityAssociation sa);

    void seqOverflow(SecurityAssociation sa);
}
