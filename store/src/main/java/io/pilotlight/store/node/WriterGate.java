package io.pilotlight.store.node;

/** Whether this node may commit and acknowledge writes right now, and if not, why (as the exception to give the client). */
interface WriterGate {
    /** Null when writes are allowed, else the exception explaining why not. */
    RuntimeException refusal();
}
