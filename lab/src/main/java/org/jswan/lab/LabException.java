package org.jswan.lab;

/** A lab setup or teardown step failed; the message says which command and includes its output. */
public class LabException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
