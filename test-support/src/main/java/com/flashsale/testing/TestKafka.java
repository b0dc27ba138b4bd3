package com.flashsale.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Kafka broker of the test context's own, with {@link #topics()} created, and the context's {@code
 * spring.kafka.bootstrap-servers} pointed at it; the broker is a {@link TestBroker} bean, closed with
 * the context. Embedded ({@code @EmbeddedKafka}'s KRaft broker, built from these same attributes) or a
 * container of the compose file's {@code apache/kafka} image, as {@link TestInfrastructure} chose.
 *
 * <p>One broker per context rather than one per JVM: Spring keeps each test context (and its
 * consumers) alive for the JVM, so on a shared broker an earlier class's order-processor would stay in
 * the group and take partitions from the next one's, and one class's topic layout (OperationsIT's two
 * request partitions) would meet another's (the twelve the service creates).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface TestKafka {

    /** Partitions of each topic below, and of any topic created without a count. */
    int partitions() default 2;

    /** The topics to create before the context starts. */
    String[] topics() default {};

    /** Broker settings as {@code key=value}. */
    String[] brokerProperties() default {};
}
