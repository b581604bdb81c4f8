package org.teleopmon.shm.reader;

/** The file is not a Teleop Monitor region of the kind and layout version this reader understands. */
public class ShmLayoutException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ShmLayoutException(String message) {
        super(message);
    }
}
