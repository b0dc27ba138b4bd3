/** Health shared by the services: whether their Kafka cluster answers. */
package com.flashsale.web.health;
