package io.pilotlight.store.node;

import io.pilotlight.store.StoreException;

/** A promotion that would lose acknowledged writes in sync mode, refused; the message says who may hold them and how to force it. */
public final class PromotionRefusedException extends StoreException {
    public PromotionRefusedException(String message) {
        super(message);
    }
}
