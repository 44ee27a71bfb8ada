package io.pilotlight.agent.etcd;

/** etcd did not answer within the deadline (or refused the call): its own answer, never read as "no" or "empty". */
public final class EtcdUnreachableException extends Exception {
    public EtcdUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
