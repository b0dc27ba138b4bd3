package com.flashsale.catalog.product.web;

import com.flashsale.catalog.Transactions;
import com.flashsale.catalog.product.Product;
import com.flashsale.catalog.product.ProductAdministration;
import com.flashsale.catalog.product.ProductChange;
import com.flashsale.catalog.product.ProductDraft;
import com.flashsale.catalog.product.Products;
import com.flashsale.web.ApiProblem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The admin routes of the catalogue: list, add, change, delete. */
@RestController
@RequestMapping("/api/admin/products")
@Validated
class AdminProductController {

    private final Products products;
    private final ProductAdministration administration;

    AdminProductController(Products products, Transactions tx, Clock clock) {
        this.products = products;
        this.administration = new ProductAdministration(products, tx, clock);
    }

    @GetMapping
    Mono<ProductController.ProductPage> list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @RequestParam(required = false) @Size(max = 200) String q) {
        return ProductController.ProductPage.of(products, q, page, size);
    }

    @PostMapping
    Mono<ResponseEntity<Product>> add(@RequestBody ProductRequest request) {
        return administration.add(request.draft()).map(change -> answer(change, null, HttpStatus.CREATED));
    }

    @PutMapping("/{id}")
    Mono<ResponseEntity<Product>> update(@PathVariable UUID id, @RequestBody ProductRequest request) {
        return administration.update(id, request.draft()).map(change -> answer(change, id, HttpStatus.OK));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Product>> delete(@PathVariable UUID id) {
        return administration.delete(id).map(change -> answer(change, id, HttpStatus.NO_CONTENT));
    }

    private static ResponseEntity<Product> answer(ProductChange change, UUID id, HttpStatus done) {
        if (change instanceof ProductChange.Done saved) {
            return saved.product() == null
                    ? ResponseEntity.status(done).build()
                    : ResponseEntity.status(done).body(saved.product());
        }
        if (change instanceof ProductChange.Invalid invalid) {
            throw ApiProblem.invalid(invalid.violations().stream()
                    .map(v -> new ApiProblem.FieldProblem(v.field(), v.message()))
                    .toList());
        }
        if (change instanceof ProductChange.InOpenSale) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "PRODUCT_IN_SALE",
                    "Product " + id + " is in a sale that is neither ended nor cancelled.");
        }
        throw ProductController.notFound(id);
    }

    /** A product as an admin sends it; every field is checked by the product rules. */
    record ProductRequest(String name, String description, BigDecimal listPrice, String currency, String imagePath) {
        ProductDraft draft() {
            return new ProductDraft(name, description, listPrice, currency, imagePath);
        }
    }
}
