package com.flashsale.web.docs;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Gives every service that serves an OpenAPI document (springdoc) the platform's conventions in it. */
@AutoConfiguration
@ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
public class ApiDocsAutoConfiguration {

    @Bean
    ApiConventions apiConventions() {
        return new ApiConventions();
    }
}
