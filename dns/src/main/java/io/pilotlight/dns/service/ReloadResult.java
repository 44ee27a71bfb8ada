package io.pilotlight.dns.service;

import java.util.List;

/** What a reload did: applied (with the new serial) or refused with the file's problems, the old zones still serving. */
public record ReloadResult(boolean applied, long serial, List<String> problems, String summary) {
}
