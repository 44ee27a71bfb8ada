package io.pilotlight.orchestrator.runbook;

import java.nio.file.Path;
import java.util.Set;

/**
 * Which steps of each runbook are done: on disk for one controller, in etcd for agents, so that
 * whichever controller leads next resumes at the first unfinished step and never repeats a done one.
 */
public interface ProgressStore {
    /** The step numbers done of a runbook under way; empty when it was never started or has finished. */
    Set<Integer> done(String runbookId);

    /** Records a step done; throws when the record cannot be made (then the runbook stops: the next run resumes). */
    void markDone(String runbookId, int step);

    /** Forgets a finished runbook. */
    void clear(String runbookId);

    /** One file per runbook in {@code dir}, written atomically after each step. */
    static ProgressStore inDirectory(Path dir) {
        return new FileProgressStore(dir);
    }
}
