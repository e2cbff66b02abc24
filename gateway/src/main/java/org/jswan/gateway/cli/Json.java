package org.jswan.gateway.cli;

import java.util.List;

/** The few JSON pieces the CLI writes: string escaping (RFC 8259 §7) and list rendering. */
final class Json {
    private Json() {
    }

    /** {@code text} as a JSON string literal, or {@code null}. */
    static String string(final String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A number if {@code text} is a plain decimal integer, else a string. */
    static String value(final String text) {
        return text != null && text.matches("-?\\d{1,18}") ? text : string(text);
    }

    static String strings(final List<String> items) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            b.append(i == 0 ? "" : ",").append(string(items.get(i)));
        }
        return b.append(']').toString();
    }
}
