package dev.torre.platform.link;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * A kind of record other records may link to without depending on its capability (a
 * deal, say): the capability that owns the records implements it as a bean, and the
 * linking capability asks it which ids exist for the current tenant.
 */
public interface LinkTarget {

    /** The link's name as the API spells it, e.g. {@code deal}. */
    String kind();

    /** Which of these ids name records of the current tenant. */
    Set<UUID> existing(Collection<UUID> ids);
}
