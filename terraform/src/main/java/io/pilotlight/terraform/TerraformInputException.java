package io.pilotlight.terraform;

/** The path, a -var or a -var-file cannot be used: the message says which and what is expected. */
public final class TerraformInputException extends Exception {
    public TerraformInputException(String message) {
        super(message);
    }
}
