package org.jswan.ike.auth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.util.encoders.Hex;

/**
 * X.501 Distinguished Names as strongSwan handles them: parsed from "C=CH, O=strongSwan, CN=moon" (or
 * "/C=CH/O=strongSwan/CN=moon") in the written order, printed the same way, and compared RDN by RDN with
 * case-insensitive values and "*" as a per-value wildcard (strongSwan identification.c compare_dn).
 */
final class DistinguishedNames {

    /** Short names strongSwan prints (x501rdns in identification.c); others print as a dotted OID. */
    private static final Map<ASN1ObjectIdentifier, String> NAMES = Map.ofEntries(
            Map.entry(BCStyle.CN, "CN"), Map.entry(BCStyle.C, "C"), Map.entry(BCStyle.L, "L"),
            Map.entry(BCStyle.ST, "ST"), Map.entry(BCStyle.O, "O"), Map.entry(BCStyle.OU, "OU"),
            Map.entry(BCStyle.E, "E"), Map.entry(BCStyle.SERIALNUMBER, "SN"), Map.entry(BCStyle.SURNAME, "S"),
            Map.entry(BCStyle.T, "T"), Map.entry(BCStyle.GIVENNAME, "G"), Map.entry(BCStyle.INITIALS, "I"),
            Map.entry(BCStyle.DC, "DC"), Map.entry(BCStyle.UID, "UID"), Map.entry(BCStyle.STREET, "street"),
            Map.entry(BCStyle.POSTAL_CODE, "postalCode"), Map.entry(BCStyle.PSEUDONYM, "pseudonym"));

    /**
     * strongSwan encodes a value as PrintableString when it can, else as UTF8String (identification.c atodn);
     * emailAddress and domainComponent stay IA5String as RFC 5280 requires.
     */
    private static final BCStyle STYLE = new BCStyle() {
        @Override
        protected ASN1Encodable encodeStringValue(final ASN1ObjectIdentifier oid, final String value) {
            if (oid.equals(BCStyle.E) || oid.equals(BCStyle.DC)) {
                return super.encodeStringValue(oid, value);
            }
            return DERPrintableString.isPrintableString(value) ? new DERPrintableString(value)
                    : new DERUTF8String(value);
        }
    };

    private DistinguishedNames() {
    }

    /** Parses a DN string to its DER encoding; {@code null} when it is not a DN we can encode. */
    static byte[] parse(final String text) {
        String s = text.trim();
        if (s.startsWith("/")) {
            s = String.join(", ", s.substring(1).split("/"));
        }
        try {
            X500Name name = new X500Name(STYLE, s);
            if (name.getRDNs().length == 0) {
                return null;
            }
            return name.getEncoded(ASN1Encoding.DER);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Decodes DER; {@code null} if {@code der} is not a Name. */
    static X500Name decode(final byte[] der) {
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(der);
            return X500Name.getInstance(p);
        } catch (IOException | RuntimeException e) {
            return null; // BC reports bad structure with assorted runtime exceptions
        }
    }

    static List<AttributeTypeAndValue> flatten(final X500Name name) {
        List<AttributeTypeAndValue> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                out.add(atv);
            }
        }
        return out;
    }

    static String toString(final X500Name name) {
        StringBuilder sb = new StringBuilder();
        for (AttributeTypeAndValue atv : flatten(name)) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            String n = NAMES.get(atv.getType());
            sb.append(n != null ? n : atv.getType().getId()).append('=').append(valueString(atv.getValue()));
        }
        return sb.toString();
    }

    static String valueString(final ASN1Encodable value) {
        if (value instanceof ASN1String) {
            return ((ASN1String) value).getString();
        }
        try {
            return "#" + Hex.toHexString(value.toASN1Primitive().getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            return "#";
        }
    }

    /** RDN-wise comparison; with {@code wildcards}, a pattern value of "*" matches any value. */
    static boolean matches(final X500Name pattern, final X500Name candidate, final boolean wildcards) {
        List<AttributeTypeAndValue> p = flatten(pattern);
        List<AttributeTypeAndValue> c = flatten(candidate);
        if (p.size() != c.size()) {
            return false;
        }
        for (int i = 0; i < p.size(); i++) {
            if (!p.get(i).getType().equals(c.get(i).getType())) {
                return false;
            }
            String pv = valueString(p.get(i).getValue());
            if (wildcards && pv.equals("*")) {
                continue;
            }
            String cv = valueString(c.get(i).getValue());
            if (ignoresCase(p.get(i), c.get(i)) ? !pv.equalsIgnoreCase(cv) : !pv.equals(cv)) {
                return false;
            }
        }
        return true;
    }

    /** strongSwan compare_dn: case-insensitive for two PrintableStrings or two IA5String email RDNs only. */
    private static boolean ignoresCase(final AttributeTypeAndValue a, final AttributeTypeAndValue b) {
        ASN1Encodable x = a.getValue();
        ASN1Encodable y = b.getValue();
        if (x instanceof DERPrintableString && y instanceof DERPrintableString) {
            return true;
        }
        return a.getType().equals(BCStyle.E) && x instanceof org.bouncycastle.asn1.ASN1IA5String
                && y instanceof org.bouncycastle.asn1.ASN1IA5String;
    }

    static int hash(final X500Name name) {
        int h = 1;
        for (AttributeTypeAndValue atv : flatten(name)) {
            h = 31 * h + atv.getType().hashCode();
            h = 31 * h + valueString(atv.getValue()).toLowerCase(Locale.ROOT).hashCode();
        }
        return h;
    }
}
