package com.flashsale.testing;

/**
 * A {@link TestDatabase} of one test's own that it may take away and bring back: {@link #stop()}
 * refuses connections as a dead server does, {@link #start()} brings it back on the same address with
 * the same data, as a restart looks to the service.
 */
public interface RestartableDatabase extends TestDatabase, AutoCloseable {

    /** Stops the server: every connection breaks, new ones are refused. */
    void stop();

    /** Starts it again on the same host and port with its data; returns once it accepts connections. */
    void start();

    /** Stops it for good and removes its data. */
    @Override
    void close();
}
