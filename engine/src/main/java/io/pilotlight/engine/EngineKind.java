package io.pilotlight.engine;

/** How an engine keeps its copies, which decides what its operations mean. */
public enum EngineKind {
    /** One writer region at a time, replicas follow it (embedded store, PostgreSQL, Aurora Global Database). */
    SINGLE_WRITER,
    /** Every region takes writes; conflicts resolve by last writer wins (a DynamoDB-style global table). */
    MULTI_ACTIVE,
    /** A source bucket copied to replica buckets asynchronously (S3 replication). */
    OBJECT_REPLICATION
}
