package dev.torre.platform.access;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What field-level security needs to know of custom properties: which are sensitive, which the
 * caller may not read, and a record's properties as the caller may see them. Implemented above
 * this package by the property definitions ({@code platform.properties}), which themselves ask
 * the access policy who may read what.
 */
public interface PropertyAccess {

    /** A record's properties as the caller may see them: sensitive ones opened only for roles allowed to read them. */
    Map<String, Object> visible(String objectType, UUID recordId, Map<String, Object> properties);

    /** The names of the type's sensitive properties, never filterable or searchable. */
    Set<String> sensitiveNames(String objectType);

    /** The names of the type's properties the caller may not read. */
    Set<String> unreadableNames(String objectType);
}
