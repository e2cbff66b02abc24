package org.jswan.nativeio.crypto;

/** How the library loaders word a failure for the one start-log line that reports it. */
final class LoadFailure {
    private LoadFailure() {
    }

    /** "cannot load SONAME (why); install PACKAGE". */
    static String cannotLoad(final String soname, final Throwable e, final String debianPackage) {
        return "cannot load " + soname + " (" + firstLine(e) + "); install " + debianPackage;
    }

    /** The first line of the error's message: jnr-ffi's goes on to list every path it searched. */
    static String firstLine(final Throwable e) {
        String m = String.valueOf(e.getMessage()).strip();
        int end = m.indexOf('\n');
        return end < 0 ? m : m.substring(0, end).strip();
    }
}
