package dev.torre.apiclient;

import dev.torre.platform.query.FieldRegistry;
import dev.torre.platform.query.FieldType;

/** What lists may filter and sort API clients by. */
final class ApiClientFields {

    static final FieldRegistry<ApiClient> REGISTRY = FieldRegistry.<ApiClient>builder("api_client", "c.id", ApiClient::id)
            .field("name", "c.name", FieldType.STRING, c -> c.name).sortable()
            .field("createdAt", "c.created_at", FieldType.TIMESTAMP, ApiClient::createdAt).sortable()
            .field("updatedAt", "c.updated_at", FieldType.TIMESTAMP, ApiClient::updatedAt).sortable()
            .build();

    private ApiClientFields() {
    }
}
