package dev.torre.product;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.torre.platform.rest.RecordDocs;
import dev.torre.platform.rest.RecordResource;

/** REST for products: the shared record endpoints over {@link ProductService}. */
@Path("/v1/products")
@Tag(name = "Products", extensions = {
        @Extension(name = RecordDocs.ONE, value = "product"),
        @Extension(name = RecordDocs.MANY, value = "products"),
        @Extension(name = "x-create", value = "The SKU must be unused among active products."),
        @Extension(name = "x-search", value = "Filter plus free text (q) over name, SKU and category. A read: Idempotency-Key is not needed.") })
public class ProductResource extends RecordResource<ProductView, ProductInput> {

    public ProductResource(ProductService products) {
        super(products, ProductView::id, ProductView::version);
    }
}
