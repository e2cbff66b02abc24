package org.jswan.lab;

/** A veth pair: {@code ifA} inside namespace {@code a}, {@code ifB} inside namespace {@code b}. */
public record VethLink(Namespace a, String ifA, Namespace b, String ifB) {
}
