package com.flashsale.catalog.product.web;

import com.flashsale.catalog.product.Product;
import com.flashsale.catalog.product.Products;
import com.flashsale.web.ApiProblem;
import com.flashsale.web.docs.Access;
import com.flashsale.web.docs.Audience;
import com.flashsale.web.docs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The public catalogue: pages of products, searched by name, and one product. */
@RestController
@Validated
@Tag(name = "Catalogue", description = "Products: public reading, admin changes.")
class ProductController {

    private final Products products;

    ProductController(Products products) {
        this.products = products;
    }

    @GetMapping("/api/products")
    @Access(Audience.ANYONE)
    @Operation(summary = "The catalogue, a page at a time")
    Mono<ProductPage> list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @RequestParam(required = false) @Size(max = 200) String q) {
        return ProductPage.of(products, q, page, size);
    }

    @GetMapping("/api/products/{id}")
    @Access(Audience.ANYONE)
    @Operation(summary = "One product")
    @ProblemResponse(
            status = 404,
            reason = "PRODUCT_NOT_FOUND",
            detail = "No product 3f0c6d3e-0000-4000-8000-000000000000.")
    Mono<Product> one(@PathVariable UUID id) {
        return products.findById(id).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    static ApiProblem notFound(UUID id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "PRODUCT_NOT_FOUND", "No product " + id + ".");
    }

    /** One page of products, with the paging that produced it and how many match in all. */
    record ProductPage(List<Product> items, int page, int size, long total) {

        static Mono<ProductPage> of(Products products, String q, int page, int size) {
            String query = q == null || q.isBlank() ? null : q.strip();
            return Mono.zip(products.page(query, page, size).collectList(), products.count(query))
                    .map(t -> new ProductPage(t.getT1(), page, size, t.getT2()));
        }
    }
}
