package io.pilotlight.dns;

import java.util.List;

/** Every record set of one owner name and type; more than one only under a routing policy. */
record RecordGroup(int type, List<Member> members) {

    Policy policy() {
        Member first = members.get(0);
        if (first.failover() != null) {
            return Policy.FAILOVER;
        }
        if (first.weight() >= 0) {
            return Policy.WEIGHTED;
        }
        return first.multivalue() ? Policy.MULTIVALUE : Policy.SIMPLE;
    }

    boolean failClosed() {
        return members.stream().anyMatch(Member::failClosed);
    }

    enum Policy {
        SIMPLE,
        FAILOVER,
        WEIGHTED,
        MULTIVALUE
    }
}
