package org.jswan.ike.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.util.IPAddress;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;
import org.jswan.ike.message.IdType;
import org.jswan.ike.spi.AddressText;

/**
 * An IKE identity (RFC 7296 §3.5): a type and its binary data, parsed from strongSwan's identity strings
 * (docs.strongswan.org "Identity Parsing") and printed the way strongSwan prints them. Immutable.
 *
 * <p>Equality is strongSwan's {@code equals}: FQDN and RFC822 compare case-insensitively, DNs RDN by RDN. Use
 * {@link #matches(Identity)} on a configured identity to accept a received one; only the configured side may
 * hold wildcards ({@code %any}, a leading {@code *} in FQDN/RFC822, {@code CN=*} in a DN).
 */
public final class Identity {

    /** Matches any identity (strongSwan ID_ANY: "%any", "%any6", "0.0.0.0", "::", "*", ""). */
    public static final Identity ANY = new Identity(IdType.ID_ANY, new byte[0]);

    private static final int HEADER_LENGTH = 4;

    private final IdType type;
    private final byte[] data;
    private final X500Name dn;

    private Identity(final IdType type, final byte[] data) {
        this.type = type;
        this.data = data;
        this.dn = type.equals(IdType.ID_DER_ASN1_DN) ? DistinguishedNames.decode(data) : null;
    }

    /**
     * Builds an identity from its type and data, checking what the type requires (RFC 7296 §3.5): 4 or 16 bytes
     * for addresses, a DER Name for ID_DER_ASN1_DN.
     */
    public static Identity of(final IdType type, final byte[] data) throws IdentityException {
        byte[] copy = data.clone();
        if (type.equals(IdType.ID_ANY)) {
            if (copy.length != 0) {
                throw new IdentityException("ID_ANY carries no data");
            }
            return ANY;
        }
        if (type.equals(IdType.ID_IPV4_ADDR) && copy.length != 4) {
            throw new IdentityException("ID_IPV4_ADDR needs 4 bytes, got " + copy.length);
        }
        if (type.equals(IdType.ID_IPV6_ADDR) && copy.length != 16) {
            throw new IdentityException("ID_IPV6_ADDR needs 16 bytes, got " + copy.length);
        }
        Identity id = new Identity(type, copy);
        if (type.equals(IdType.ID_DER_ASN1_DN) && id.dn == null) {
            throw new IdentityException("ID_DER_ASN1_DN data is not a DER-encoded Name");
        }
        return id;
    }

    public static Identity fqdn(final String name) {
        return new Identity(IdType.ID_FQDN, name.getBytes(StandardCharsets.UTF_8));
    }

    public static Identity rfc822(final String address) {
        return new Identity(IdType.ID_RFC822_ADDR, address.getBytes(StandardCharsets.UTF_8));
    }

    public static Identity keyId(final byte[] keyId) {
        return new Identity(IdType.ID_KEY_ID, keyId.clone());
    }

    public static Identity address(final InetAddress address) {
        byte[] raw = address.getAddress();
        return new Identity(raw.length == 4 ? IdType.ID_IPV4_ADDR : IdType.ID_IPV6_ADDR, raw);
    }

    public static Identity dn(final X500Principal principal) {
        return new Identity(IdType.ID_DER_ASN1_DN, principal.getEncoded());
    }

    /**
     * Parses a strongSwan identity string. Never fails on free text: like strongSwan, what is not recognised
     * becomes FQDN or KEY_ID. Throws only for an explicit prefix with a malformed value ("ipv4:300.1.1.1").
     */
    public static Identity parse(final String text) throws IdentityException {
        Identity prefixed = parsePrefixed(text);
        if (prefixed != null) {
            return prefixed;
        }
        if (text.indexOf('=') >= 0) {
            byte[] der = DistinguishedNames.parse(text);
            return der != null ? new Identity(IdType.ID_DER_ASN1_DN, der) : literal(IdType.ID_KEY_ID, text);
        }
        if (text.indexOf('@') >= 0) {
            if (text.startsWith("@#")) {
                return new Identity(IdType.ID_KEY_ID, hex(text.substring(2), text));
            }
            if (text.startsWith("@@")) {
                return literal(IdType.ID_RFC822_ADDR, text.substring(2));
            }
            if (text.startsWith("@")) {
                return literal(IdType.ID_FQDN, text.substring(1));
            }
            return literal(IdType.ID_RFC822_ADDR, text);
        }
        switch (text) {
            case "": case "%any": case "%any6": case "0.0.0.0": case "::": case "*":
                return ANY;
            default:
                break;
        }
        if (text.indexOf(':') >= 0) {
            return IPAddress.isValidIPv6(text) ? literalAddress(text) : literal(IdType.ID_KEY_ID, text);
        }
        if (IPAddress.isValidIPv4(text)) {
            return literalAddress(text);
        }
        return literal(IdType.ID_FQDN, text);
    }

    /** strongSwan's explicit type prefixes, e.g. "fqdn:", "email:", "asn1dn:", "keyid:#0102" (hex after '#'). */
    private static Identity parsePrefixed(final String text) throws IdentityException {
        if (text.startsWith("{")) {
            // "{11}:#0102" or "{2}:name": numeric type, as strongSwan's create_from_string_with_num_type
            int close = text.indexOf("}:");
            if (close > 1) {
                int t;
                try {
                    t = Integer.parseInt(text.substring(1, close));
                } catch (NumberFormatException e) {
                    throw new IdentityException("bad numeric identity type in '" + text + "'");
                }
                if (t < 1 || t > 255) {
                    throw new IdentityException("identity type out of range in '" + text + "'");
                }
                String v = text.substring(close + 2);
                return of(IdType.valueOf(t), v.startsWith("#") ? hex(v.substring(1), text)
                        : v.getBytes(StandardCharsets.UTF_8));
            }
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        IdType type;
        switch (text.substring(0, colon).toLowerCase(Locale.ROOT)) {
            case "ipv4": type = IdType.ID_IPV4_ADDR; break;
            case "ipv6": type = IdType.ID_IPV6_ADDR; break;
            case "rfc822": case "email": case "userfqdn": type = IdType.ID_RFC822_ADDR; break;
            case "fqdn": case "dns": type = IdType.ID_FQDN; break;
            case "asn1dn": type = IdType.ID_DER_ASN1_DN; break;
            case "asn1gn": type = IdType.ID_DER_ASN1_GN; break;
            case "keyid": type = IdType.ID_KEY_ID; break;
            default: return null;
        }
        String value = text.substring(colon + 1);
        if (value.startsWith("#")) {
            return of(type, hex(value.substring(1), text));
        }
        if (type.equals(IdType.ID_IPV4_ADDR) || type.equals(IdType.ID_IPV6_ADDR)) {
            boolean ok = type.equals(IdType.ID_IPV4_ADDR) ? IPAddress.isValidIPv4(value) : IPAddress.isValidIPv6(value);
            if (!ok) {
                throw new IdentityException("not an " + (type.equals(IdType.ID_IPV4_ADDR) ? "IPv4" : "IPv6")
                        + " address: '" + text + "'");
            }
            return literalAddress(value);
        }
        if (type.equals(IdType.ID_DER_ASN1_DN)) {
            byte[] der = DistinguishedNames.parse(value);
            if (der == null) {
                throw new IdentityException("not a distinguished name: '" + text + "'");
            }
            return new Identity(type, der);
        }
        if (type.equals(IdType.ID_DER_ASN1_GN)) {
            throw new IdentityException("asn1gn: needs a hex value ('asn1gn:#...'): '" + text + "'");
        }
        return literal(type, value);
    }

    private static Identity literal(final IdType type, final String value) {
        return new Identity(type, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Only called with a validated literal, so getByName never resolves a name. */
    private static Identity literalAddress(final String literal) throws IdentityException {
        try {
            return address(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            throw new IdentityException("not an IP address: '" + literal + "'");
        }
    }

    private static byte[] hex(final String digits, final String whole) throws IdentityException {
        try {
            if (digits.length() % 2 != 0) {
                throw new IdentityException("odd number of hex digits in '" + whole + "'");
            }
            return Hex.decode(digits);
        } catch (DecoderException e) {
            throw new IdentityException("bad hex in '" + whole + "'");
        }
    }

    /**
     * Decodes an ID payload body (RFC 7296 §3.5): ID Type (1), RESERVED (3), Identification Data.
     */
    public static Identity decode(final byte[] body) throws IdentityException {
        if (body.length < HEADER_LENGTH) {
            throw new IdentityException("ID payload body too short: " + body.length + " bytes");
        }
        IdType type = IdType.valueOf(body[0] & 0xff);
        if (type.equals(IdType.ID_ANY)) {
            throw new IdentityException("ID type 0 is reserved");
        }
        return of(type, Arrays.copyOfRange(body, HEADER_LENGTH, body.length));
    }

    /** The ID payload body: type, three reserved zero bytes, data. ID_ANY has no wire form. */
    public byte[] encode() {
        if (isAny()) {
            throw new IllegalStateException("%any cannot be sent in an ID payload");
        }
        byte[] out = new byte[HEADER_LENGTH + data.length];
        out[0] = (byte) type.value();
        System.arraycopy(data, 0, out, HEADER_LENGTH, data.length);
        return out;
    }

    public IdType type() {
        return type;
    }

    public byte[] data() {
        return data.clone();
    }

    public boolean isAny() {
        return type.equals(IdType.ID_ANY);
    }

    /** The DN as BouncyCastle sees it, or {@code null} for other types. */
    public X500Name distinguishedName() {
        return dn;
    }

    /** True when this identity holds a wildcard ({@code %any}, "*..." in FQDN/RFC822, a "*" RDN value). */
    public boolean hasWildcard() {
        if (isAny()) {
            return true;
        }
        if (type.equals(IdType.ID_FQDN) || type.equals(IdType.ID_RFC822_ADDR)) {
            return data.length > 0 && data[0] == '*';
        }
        if (dn != null) {
            return DistinguishedNames.flatten(dn).stream()
                    .anyMatch(a -> DistinguishedNames.valueString(a.getValue()).equals("*"));
        }
        return false;
    }

    /**
     * Whether {@code candidate} (typically received from the peer) satisfies this configured identity,
     * wildcards allowed on this side only (strongSwan identification.c matches_*).
     */
    public boolean matches(final Identity candidate) {
        if (isAny()) {
            return true;
        }
        if (!type.equals(candidate.type)) {
            return false;
        }
        if (type.equals(IdType.ID_FQDN) || type.equals(IdType.ID_RFC822_ADDR)) {
            String pattern = new String(data, StandardCharsets.UTF_8);
            String value = new String(candidate.data, StandardCharsets.UTF_8);
            if (pattern.startsWith("*") && value.length() >= pattern.length()) {
                // strongSwan matches_string: '*' stands for at least one leading character
                String suffix = pattern.substring(1).toLowerCase(Locale.ROOT);
                return value.toLowerCase(Locale.ROOT).endsWith(suffix);
            }
            return pattern.equalsIgnoreCase(value);
        }
        if (dn != null && candidate.dn != null) {
            return DistinguishedNames.matches(dn, candidate.dn, true);
        }
        return Arrays.equals(data, candidate.data);
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof Identity)) {
            return false;
        }
        Identity other = (Identity) o;
        if (!type.equals(other.type)) {
            return false;
        }
        if (type.equals(IdType.ID_FQDN) || type.equals(IdType.ID_RFC822_ADDR)) {
            return new String(data, StandardCharsets.UTF_8)
                    .equalsIgnoreCase(new String(other.data, StandardCharsets.UTF_8));
        }
        if (dn != null && other.dn != null) {
            return DistinguishedNames.matches(dn, other.dn, false);
        }
        return Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        if (type.equals(IdType.ID_FQDN) || type.equals(IdType.ID_RFC822_ADDR)) {
            return 31 * type.hashCode() + new String(data, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).hashCode();
        }
        if (dn != null) {
            return 31 * type.hashCode() + DistinguishedNames.hash(dn);
        }
        return 31 * type.hashCode() + Arrays.hashCode(data);
    }

    /** strongSwan's printing: "%any", "moon.strongswan.org", "192.168.0.1", "fec0::1", "C=CH, O=..., CN=...". */
    @Override
    public String toString() {
        if (isAny()) {
            return "%any";
        }
        if (type.equals(IdType.ID_FQDN) || type.equals(IdType.ID_RFC822_ADDR)) {
            return new String(data, StandardCharsets.UTF_8);
        }
        if (type.equals(IdType.ID_IPV4_ADDR) || type.equals(IdType.ID_IPV6_ADDR)) {
            return AddressText.format(data);
        }
        if (dn != null) {
            return DistinguishedNames.toString(dn);
        }
        if (type.equals(IdType.ID_KEY_ID) && isPrintable(data) && data.length != 20) {
            return new String(data, StandardCharsets.US_ASCII);
        }
        // strongSwan's "%#B": colon-separated hex (a 20-byte key id is a SHA-1 hash, never text)
        StringBuilder sb = new StringBuilder();
        for (byte b : data) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    private static boolean isPrintable(final byte[] bytes) {
        if (bytes.length == 0) {
            return false;
        }
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
