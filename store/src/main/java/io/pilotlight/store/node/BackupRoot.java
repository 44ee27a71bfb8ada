package io.pilotlight.store.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one directory under which {@code POST /backup?dir=} may write: the node's {@code --backup-dir}.
 * A relative {@code dir} is taken inside the root; an absolute one must lie inside it after
 * {@code ..} and symbolic links are resolved (as far as the path exists). Anything else is an
 * {@link IllegalArgumentException} (400) naming the root.
 */
final class BackupRoot {
    /** A root nothing is inside: a protected node started without {@code --backup-dir}. */
    static final Path NONE = Path.of("/nonexistent-backup-root-give-the-node---backup-dir");

    private BackupRoot() {
    }

    static Path within(Path root, String dir) {
        if (root == NONE) {
            throw new IllegalArgumentException("this node has no backup root: start it with --backup-dir DIR to take backups over HTTP");
        }
        Path base = real(root.toAbsolutePath().normalize());
        Path target = real(base.resolve(Path.of(dir)).toAbsolutePath().normalize());
        if (!target.startsWith(base)) {
            throw new IllegalArgumentException("query parameter \"dir\" is " + dir + ", outside the backup root " + base
                    + "; allowed: a directory inside the root (the node's --backup-dir)");
        }
        return target;
    }

    /** The real path of the longest existing prefix, with the rest appended: a link inside the root cannot point out of it. */
    private static Path real(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (IOException cannot) {
            return path;
        }
    }
}
