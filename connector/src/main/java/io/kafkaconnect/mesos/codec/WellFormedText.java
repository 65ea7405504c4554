package io.kafkaconnect.mesos.codec;

/** Java strings made well-formed UTF-16, so that every string the codec reads or writes has one UTF-8 encoding. */
final class WellFormedText {

    private WellFormedText() {
    }

    /**
     * The text with each unpaired surrogate replaced by U+FFFD, as UTF-8 encoding does; Jackson's UTF-8 writer
     * would otherwise merge it with the next character, and its UTF-8 reader can produce one from invalid bytes.
     */
    static String of(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return replaceUnpairedSurrogates(text, i);
            }
        }
        return text;
    }

    private static String replaceUnpairedSurrogates(String text, int from) {
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, from);
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
