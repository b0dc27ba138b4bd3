package com.flashsale.edge.sale.messaging;

import com.flashsale.edge.sale.SaleDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the edge's copy of the sales, fed by {@link SaleDefinitionListener} and the sale-status listener. */
@Configuration
class SaleCopyConfig {

    @Bean
    SaleDirectory saleDirectory() {
        return new SaleDirectory();
    }
}
