package org.jswan.gateway.cli;

import org.jswan.gateway.control.ViciMessage;

/** Renders a VICI message tree as JSON: key/values as strings (integers as numbers), lists as arrays. */
final class ViciJson {
    private ViciJson() {
    }

    static String of(final ViciMessage m) {
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (ViciMessage.Entry e : m.entries()) {
            b.append(first ? "" : ",").append(Json.string(e.name())).append(':');
            first = false;
            if (e instanceof ViciMessage.KeyValue kv) {
                b.append(Json.value(kv.text()));
            } else if (e instanceof ViciMessage.ListValue l) {
                b.append(Json.strings(l.texts()));
            } else if (e instanceof ViciMessage.Section s) {
                b.append(of(s.content()));
            }
        }
        return b.append('}').toString();
    }
}
