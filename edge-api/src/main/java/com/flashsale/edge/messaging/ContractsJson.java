package com.flashsale.edge.messaging;

import com.flashsale.contracts.json.ContractsJacksonModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Instants in Kafka and HTTP JSON through the contracts' fast ISO-8601 codec (same text as Jackson's). */
@Configuration
class ContractsJson {

    @Bean
    ContractsJacksonModule contractsJacksonModule() {
        return new ContractsJacksonModule();
    }
}
