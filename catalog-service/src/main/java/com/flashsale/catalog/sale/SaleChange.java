package com.flashsale.catalog.sale;

import com.flashsale.catalog.product.Violation;
import java.util.List;

/** What an admin's change to a sale came to: done, or why not. */
public sealed interface SaleChange {

    /** The sale as stored now, its version bumped: to be published. */
    record Done(FlashSale sale) implements SaleChange {}

    /** Some fields are wrong; nothing was written. */
    record Invalid(List<Violation> violations) implements SaleChange {}

    /** No such sale. */
    record NotFound() implements SaleChange {}

    /** The sale is over (ended or cancelled): it can no longer be changed. */
    record Over(FlashSale sale) implements SaleChange {}
}
