package io.github.chicorygdbstub.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The registry of packet handlers, and of the {@code qSupported} features they bring. A packet
 * goes to the handler with the longest registered name it starts with; a name of more than one
 * letter must be followed by the end or a non-letter, so {@code qCRC:} is not taken for
 * {@code qC}. One-letter commands ({@code m}, {@code Z}, ...) take whatever follows, so bad
 * arguments get an error rather than "unsupported"; names that merely start with such a letter
 * are registered as {@link Builder#unsupported unsupported} (e.g. {@code MultiMemRead}, which
 * must never reach {@code M}). Unknown packets get the empty reply.
 */
public final class PacketTable {
    /** Entries by the packet's first byte, longest name first. */
    private final List<List<Entry>> byFirstByte;
    private final List<Feature> features;
    private final List<String> names;

    /**
     * A registered handler.
     *
     * @param name the packet name it serves, such as {@code qXfer} or {@code m}
     * @param handler what answers those packets
     */
    public record Entry(String name, PacketHandler handler) {}

    /**
     * A {@code qSupported} feature string offered when {@code offeredWhen} holds for the session.
     *
     * @param text the feature as listed, such as {@code qXfer:libraries:read+}
     * @param offeredWhen whether a session is offered it
     */
    public record Feature(String text, Predicate<SessionContext> offeredWhen) {}

    private PacketTable(List<Entry> entries, List<Feature> features) {
        this.byFirstByte = new ArrayList<>(128);
        for (int i = 0; i < 128; i++) {
            byFirstByte.add(new ArrayList<>());
        }
        var sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt((Entry e) -> e.name().length()).reversed());
        for (Entry entry : sorted) {
            byFirstByte.get(entry.name().charAt(0)).add(entry);
        }
        this.features = List.copyOf(features);
        this.names = entries.stream().map(Entry::name).sorted().toList();
    }

    /** {@return an empty builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The entry for a packet.
     *
     * @param payload the packet's payload (name and arguments)
     * @return the entry of the longest matching name, or null when no handler serves the packet
     */
    public Entry lookup(byte[] payload) {
        if (payload.length == 0 || (payload[0] & 0xff) >= 128) {
            return null;
        }
        for (Entry entry : byFirstByte.get(payload[0])) {
            if (matches(entry.name(), payload)) {
                return entry;
            }
        }
        return null;
    }

    /**
     * The features to list in {@code qSupported}.
     *
     * @param session the session that asks
     * @return the features offered to it, in registration order
     */
    public List<String> featuresFor(SessionContext session) {
        return features.stream().filter(f -> f.offeredWhen().test(session)).map(Feature::text).toList();
    }

    /** {@return all registered packet names, sorted (for documentation and tests)} */
    public List<String> names() {
        return names;
    }

    private static boolean matches(String name, byte[] payload) {
        if (payload.length < name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (payload[i] != name.charAt(i)) {
                return false;
            }
        }
        if (payload.length == name.length()) {
            return true;
        }
        if (name.length() == 1) {
            return true;
        }
        int next = payload[name.length()] & 0xff;
        return !((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z'));
    }

    /** Collects handlers and features. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private final List<Feature> features = new ArrayList<>();

        /** Only through {@link PacketTable#builder()}. */
        private Builder() {}

        /**
         * Registers a handler for packets named {@code name}.
         *
         * @param name the packet name
         * @param handler what answers those packets
         * @return this builder
         * @throws IllegalArgumentException if the name has a handler already
         */
        public Builder on(String name, PacketHandler handler) {
            if (entries.stream().anyMatch(e -> e.name().equals(name))) {
                throw new IllegalArgumentException("two handlers for " + name);
            }
            entries.add(new Entry(name, handler));
            return this;
        }

        /**
         * Registers a packet that is answered with the empty reply ("not supported").
         *
         * @param name the packet name
         * @return this builder
         */
        public Builder unsupported(String name) {
            return on(name, (args, session) -> io.github.chicorygdbstub.codec.RspReply.EMPTY);
        }

        /**
         * Offers a {@code qSupported} feature to every client.
         *
         * @param text the feature as listed
         * @return this builder
         */
        public Builder feature(String text) {
            return feature(text, session -> true);
        }

        /**
         * Offers a {@code qSupported} feature when the predicate holds for the session.
         *
         * @param text the feature as listed
         * @param offeredWhen whether a session is offered it
         * @return this builder
         */
        public Builder feature(String text, Predicate<SessionContext> offeredWhen) {
            features.add(new Feature(text, offeredWhen));
            return this;
        }

        /** {@return the table of the handlers and features registered so far} */
        public PacketTable build() {
            return new PacketTable(entries, features);
        }
    }
}
