package dev.torre.platform.access;

import java.util.Set;

/** What a role may do with one object type: read it, write it, and which of its fields it may not see. */
public record Access(boolean read, boolean write, Set<String> hiddenFields) {

    public static final Access NONE = new Access(false, false, Set.of());
    public static final Access READ = new Access(true, false, Set.of());
    public static final Access READ_WRITE = new Access(true, true, Set.of());

    public Access {
        hiddenFields = Set.copyOf(hiddenFields);
    }

    public Access hiding(String... fields) {
        return new Access(read, write, Set.of(fields));
    }
}
