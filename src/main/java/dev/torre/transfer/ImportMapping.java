package dev.torre.transfer;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.torre.platform.persistence.TenantEntity;

/** A saved column mapping: which record field each column of a file fills. Written only by {@link ImportMappingService}. */
@Entity
@Table(name = "import_mapping")
public class ImportMapping extends TenantEntity {

    public String name;

    @Column(name = "object_type")
    public String objectType;

    /** File column → field, in the file's order. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> columns = new LinkedHashMap<>();

    public String name() {
        return name;
    }
}
