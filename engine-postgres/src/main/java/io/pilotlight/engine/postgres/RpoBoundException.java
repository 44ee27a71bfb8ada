package io.pilotlight.engine.postgres;

import io.pilotlight.engine.EngineException;

/**
 * A commit was not acknowledged because no standby was within the store's lag bound for the RPO guard's timeout. The
 * transaction may have committed on the primary (it reaches the standbys once one catches up, or the ledger after a
 * failover): the next step is to check the standbys' lag, and to retry or read back once one is within the bound.
 */
public final class RpoBoundException extends EngineException {
    public RpoBoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
