package io.aisle.robotics.vda5050.json;

/** A message that is not JSON or lacks a field of the VDA 5050 schema; names the field. */
public final class VdaFormatException extends RuntimeException {

    public VdaFormatException(String message) {
        super(message);
    }
}
