package org.jswan.gateway.control;

/** {@code version} answer: daemon name (e.g. {@code jswan}) and its version; the OS fields come from the JVM. */
public record VersionInfo(String daemon, String version) {
}
