package io.pilotlight.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.store.ReplicationMode;
import io.pilotlight.store.coord.LeaseInfo;
import io.pilotlight.store.node.NodeDecision.Action;
import io.pilotlight.store.node.NodeDecision.PeerView;
import io.pilotlight.store.node.NodeDecision.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store node's role decisions, one rule a test, each with the reason a user reads. */
class NodeDecisionTest {
    private static final LeaseInfo LAPSED_CENTRAL = new LeaseInfo("central", 2, 1_000, false, null);
    private static final LeaseInfo LAPSED_EAST = new LeaseInfo("east", 2, 1_000, false, null);

    private static Snapshot replica(String region, LogPosition mine, LeaseInfo lease, ReplicationMode mode, List<PeerView> peers) {
        return new Snapshot(region, Role.REPLICA, false, lease.epoch(), lease, true, false, mode, mine, peers, 5_000, 2_000);
    }

    @Test
    void aLongerLogOfAnOlderEpochDoesNotOutrankANewerEpoch() {
        // case 1: east has 600 entries of epoch 1, west 350 ending in epoch 2: west promotes, east waits for it
        List<PeerView> eastSees = List.of(new PeerView("west", new LogPosition(2, 350), true), new PeerView("central", null, false));
        var east = NodeDecision.decide(replica("east", new LogPosition(1, 600), LAPSED_CENTRAL, ReplicationMode.ASYNC, eastSees));
        assertThat(east.action()).isEqualTo(Action.WAIT);
        assertThat(east.reason()).contains("west is further ahead");
        List<PeerView> westSees = List.of(new PeerView("east", new LogPosition(1, 600), true), new PeerView("central", null, false));
        assertThat(NodeDecision.decide(replica("west", new LogPosition(2, 350), LAPSED_CENTRAL, ReplicationMode.ASYNC, westSees)).action())
                .isEqualTo(Action.PROMOTE);
    }

    @Test
    void equalLogsGoToTheSmallerRegionName() {
        LogPosition same = new LogPosition(2, 40);
        var central = NodeDecision.decide(replica("central", same, LAPSED_EAST, ReplicationMode.ASYNC,
                List.of(new PeerView("west", same, true))));
        var west = NodeDecision.decide(replica("west", same, LAPSED_EAST, ReplicationMode.ASYNC,
                List.of(new PeerView("central", same, true))));
        assertThat(central.action()).isEqualTo(Action.PROMOTE);
        assertThat(west.action()).isEqualTo(Action.WAIT);
    }

    @Test
    void aNodeDoesNotDeferToAPeerThatCannotPromoteItself() {
        // case 3: east is further ahead but has no auto-failover: after one lease of grace, west takes over
        List<PeerView> peers = List.of(new PeerView("east", new LogPosition(2, 90), false));
        Snapshot early = new Snapshot("west", Role.REPLICA, false, 2, LAPSED_CENTRAL, true, false, ReplicationMode.ASYNC,
                new LogPosition(2, 80), peers, 500, 2_000);
        assertThat(NodeDecision.decide(early).action()).isEqualTo(Action.WAIT);
        Snapshot later = new Snapshot("west", Role.REPLICA, false, 2, LAPSED_CENTRAL, true, false, ReplicationMode.ASYNC,
                new LogPosition(2, 80), peers, 2_500, 2_000);
        var decided = NodeDecision.decide(later);
        assertThat(decided.action()).isEqualTo(Action.PROMOTE);
        assertThat(decided.reason()).contains("east is further ahead but cannot promote itself");
    }

    @Test
    void syncModeNeverPromotesWhileAPeerThatMayHoldAcknowledgedWritesIsSilent() {
        // case 2: central (the writer) died, west (which confirmed its writes) is cut off: east must not promote
        var east = NodeDecision.decide(replica("east", new LogPosition(1, 500), LAPSED_CENTRAL, ReplicationMode.SYNC,
                List.of(new PeerView("west", null, false), new PeerView("central", null, false))));
        assertThat(east.action()).isEqualTo(Action.WAIT);
        assertThat(east.reason()).contains("west did not answer");
    }

    @Test
    void syncModeIgnoresTheOldWritersUnacknowledgedTail() {
        // the old writer is reachable but cannot promote: its entries past every replica were never acknowledged
        var west = NodeDecision.decide(replica("west", new LogPosition(2, 700), LAPSED_CENTRAL, ReplicationMode.SYNC,
                List.of(new PeerView("east", new LogPosition(2, 690), true), new PeerView("central", new LogPosition(2, 705), false))));
        assertThat(west.action()).isEqualTo(Action.PROMOTE);
    }

    @Test
    void aWriterWhoseLeaseLapsedStepsDown() {
        Snapshot writer = new Snapshot("east", Role.WRITER, false, 3, LeaseInfo.UNREACHABLE, true, true, ReplicationMode.ASYNC,
                new LogPosition(3, 10), List.of(), 0, 2_000);
        assertThat(NodeDecision.decide(writer).action()).isEqualTo(Action.STEP_DOWN);
    }

    @Test
    void nobodyActsWithoutTheCoordinator() {
        var decided = NodeDecision.decide(replica("west", new LogPosition(9, 9), LeaseInfo.UNREACHABLE, ReplicationMode.ASYNC, List.of()));
        assertThat(decided.action()).isEqualTo(Action.WAIT);
        assertThat(decided.reason()).contains("coordinator does not answer");
    }

    @Test
    void onlyTheSwitchoverTargetTakesAHandedOverLease() {
        LeaseInfo handedOver = new LeaseInfo("central", 4, 0, false, "east");
        List<PeerView> peers = List.of(new PeerView("east", new LogPosition(4, 10), true));
        // "central" < "east" < "west" by name: without the reservation west or central could slip in
        assertThat(NodeDecision.decide(replica("west", new LogPosition(4, 10), handedOver, ReplicationMode.ASYNC, peers)).action())
                .isEqualTo(Action.WAIT);
        assertThat(NodeDecision.decide(replica("east", new LogPosition(4, 10), handedOver, ReplicationMode.ASYNC, List.of())).action())
                .isEqualTo(Action.PROMOTE);
    }

    @Test
    void aWriterTakesBackItsOwnLapsedLeaseWhenNobodyElseTookIt() {
        LeaseInfo own = new LeaseInfo("east", 5, 0, false, null);
        Snapshot east = new Snapshot("east", Role.REPLICA, false, 5, own, false, true, ReplicationMode.SYNC, new LogPosition(5, 100),
                List.of(), 0, 2_000);
        assertThat(NodeDecision.decide(east).action()).isEqualTo(Action.RECLAIM);
    }

    @Test
    void withoutAutoFailoverAReplicaWaitsForAnOperator() {
        Snapshot manual = new Snapshot("west", Role.REPLICA, false, 2, LAPSED_CENTRAL, false, false, ReplicationMode.ASYNC,
                new LogPosition(2, 10), List.of(), 9_000, 2_000);
        assertThat(NodeDecision.decide(manual).reason()).contains("auto-failover is off");
    }

    @Test
    void aRestartedWriterTakesBackTheLeaseNobodyTookWhileItWasDown() {
        // the lab restarted after a failover: the coordinator's last grant is still west's, lapsed while everything was down
        LeaseInfo westsLapsed = new LeaseInfo("west", 2, 0, false, null);
        Snapshot west = new Snapshot("west", Role.REPLICA, false, 2, westsLapsed, false, false, ReplicationMode.ASYNC, new LogPosition(2, 40),
                List.of(), 60_000, 2_000);
        assertThat(NodeDecision.decide(west).action()).isEqualTo(Action.RECLAIM);
        Snapshot staleEast = new Snapshot("east", Role.REPLICA, false, 1, westsLapsed, false, true, ReplicationMode.ASYNC,
                new LogPosition(1, 40), List.of(), 60_000, 2_000);
        assertThat(NodeDecision.decide(staleEast).action()).as("not the holder: an operator, or auto-failover, decides").isEqualTo(Action.WAIT);
    }

    @Test
    void aNewDeploymentStartsOnACoordinatorThatRemembersAnOlderOne() {
        // the store benchmark's second cluster found the first one's coordinator state: nobody started
        LeaseInfo old = new LeaseInfo("east", 4, 0, false, null);
        Snapshot east = new Snapshot("east", Role.REPLICA, false, 0, old, false, true, ReplicationMode.ASYNC, LogPosition.EMPTY,
                List.of(new PeerView("west", LogPosition.EMPTY, false)), 0, 2_000);
        assertThat(NodeDecision.needsPeers(east)).isTrue();
        assertThat(NodeDecision.decide(east).action()).isEqualTo(Action.PROMOTE);
        Snapshot westHasData = new Snapshot("east", Role.REPLICA, false, 0, old, false, true, ReplicationMode.ASYNC, LogPosition.EMPTY,
                List.of(new PeerView("west", new LogPosition(4, 10), false)), 0, 2_000);
        assertThat(NodeDecision.decide(westHasData).action()).as("a node with data: not a new deployment").isEqualTo(Action.WAIT);
        Snapshot westSilent = new Snapshot("east", Role.REPLICA, false, 0, old, false, true, ReplicationMode.ASYNC, LogPosition.EMPTY,
                List.of(new PeerView("west", null, false)), 0, 2_000);
        assertThat(NodeDecision.decide(westSilent).action()).isEqualTo(Action.WAIT);
    }
}
