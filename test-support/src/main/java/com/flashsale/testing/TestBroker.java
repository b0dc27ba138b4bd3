package com.flashsale.testing;

/** The Kafka broker of a test context ({@link TestKafka}): where to reach it. */
public interface TestBroker extends AutoCloseable {

    /** {@code host:port} for a client's {@code bootstrap.servers}. */
    String bootstrapServers();

    @Override
    void close();
}
