package com.flashsale.devstack;

/**
 * A launcher failure with a message meant for the user ({@code flashsale: <message>} on stderr, exit 1).
 * The stack is left as it was when the failure happened, as the bash launcher left it.
 */
public final class StackException extends RuntimeException {

    private final int exitCode;

    public StackException(String message) {
        this(message, 1);
    }

    public StackException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The exit code the command ends with. */
    public int exitCode() {
        return exitCode;
    }
}
