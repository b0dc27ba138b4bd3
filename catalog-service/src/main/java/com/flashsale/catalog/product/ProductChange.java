package com.flashsale.catalog.product;

import java.util.List;

/** What an admin's change to the catalogue came to: done, or why not. */
public sealed interface ProductChange {

    /** The product as stored now (null after a deletion). */
    record Done(Product product) implements ProductChange {}

    /** Some fields are wrong; nothing was written. */
    record Invalid(List<Violation> violations) implements ProductChange {}

    /** No such product (or it was deleted). */
    record NotFound() implements ProductChange {}

    /** The product is in a sale that is not over: it stays. */
    record InOpenSale() implements ProductChange {}
}
