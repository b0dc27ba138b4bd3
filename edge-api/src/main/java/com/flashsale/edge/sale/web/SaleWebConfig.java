package com.flashsale.edge.sale.web;

import com.flashsale.edge.sale.SaleWatchers;
import com.flashsale.edge.sale.SoldOutTimes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires what the sale routes know beyond the sales topic: sold-out times and who is watching. */
@Configuration
class SaleWebConfig {

    @Bean
    SoldOutTimes soldOutTimes() {
        return new SoldOutTimes();
    }

    @Bean
    SaleWatchers saleWatchers() {
        return new SaleWatchers();
    }
}
