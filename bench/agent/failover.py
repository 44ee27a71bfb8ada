#!/usr/bin/python3
"""Failover time across three hosts on one machine (network namespaces A, B, C; C the witness).

Driven by bench/agent/failover.sh, which installs what is needed and builds the CLI jar. Three systems,
side by side in one run, N rounds, each round from a fresh start of every process:

  etcd      Pilotlight store (`store serve`) writer east in A, replica west in B, --lease 2s,
            --coordinator etcd:// over a 3-member etcd (one member in each of A, B, C)
  inproc    the same with the in-process coordinator (`store coordinator`) in C
  patroni   Patroni + PostgreSQL 15 in A and B on a 3-member etcd, Patroni's fastest documented
            settings (ttl 20, loop_wait 1, retry_timeout 3)

A client in C writes continuously to whoever is the writer. The clock starts when every process in A
(its etcd member included) is sent SIGKILL and stops at the first write acknowledged by B.

Also `failover.py client ...`: that client (run inside C by the driver).
"""
import argparse
import base64
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time


def mono_ns():
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC)


def log(message):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), message), file=sys.stderr, flush=True)


# ---- the client (runs inside C) ------------------------------------------------------------------

def client_store(targets, pace):
    """PUT /kv/bench-N to the writer; on a refusal (421) or no answer, the next node. Prints ACK lines."""
    names = [t.split("=", 1)[0] for t in targets]
    urls = {t.split("=", 1)[0]: t.split("=", 1)[1] for t in targets}
    conns = {}
    current = 0
    seq = 0
    while True:
        name = names[current]
        seq += 1
        try:
            conn = conns.get(name)
            if conn is None:
                host, port = urls[name].replace("http://", "").split(":")
                conn = http.client.HTTPConnection(host, int(port), timeout=0.5)
                conns[name] = conn
            conn.request("PUT", "/kv/bench-%d" % seq, body=("v%d" % seq).encode())
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                print("ACK %d %s %d" % (mono_ns(), name, seq), flush=True)
                time.sleep(pace)
                continue
            # 421 not the writer, 503 fenced or paused: try the next node
        except Exception:  # refused, reset, timed out: that node is down or cut off
            conn = conns.pop(name, None)
            if conn is not None:
                conn.close()
        current = (current + 1) % len(names)
        time.sleep(pace)


def client_pg(targets, pace):
    """INSERT (autocommit) through libpq's multi-host connection with target_session_attrs=read-write."""
    import psycopg2  # Debian's python3-psycopg2
    hosts = [t.split("=", 1)[1] for t in targets]
    names = {t.split("=", 1)[1]: t.split("=", 1)[0] for t in targets}
    dsn = "host=%s port=5432 dbname=postgres user=postgres password=pg connect_timeout=2 target_session_attrs=read-write" % ",".join(hosts)
    conn = None
    seq = 0
    while True:
        try:
            if conn is None:
                conn = psycopg2.connect(dsn)
                conn.autocommit = True
                with conn.cursor() as cur:
                    cur.execute("CREATE TABLE IF NOT EXISTS bench (id bigint PRIMARY KEY, v text)")
            seq += 1
            with conn.cursor() as cur:
                cur.execute("INSERT INTO bench VALUES (%s, %s)", (seq, "v%d" % seq))
            print("ACK %d %s %d" % (mono_ns(), names.get(conn.info.host, conn.info.host), seq), flush=True)
        except Exception:
            if conn is not None:
                try:
                    conn.close()
                except Exception:
                    pass
            conn = None
        time.sleep(pace)


# ---- the hosts -----------------------------------------------------------------------------------

class Hosts:
    """Namespaces plt<id>-a/-b/-c on a bridge in plt<id>-hub; addresses 10.X.0.1..3/24."""

    def __init__(self, names, logdir):
        self.id = secrets.token_hex(3)
        self.subnet = random.randint(16, 239)
        self.names = list(names)
        self.logdir = logdir
        self.created = []
        self.procs = []

    def ns(self, name):
        return "plt%s-%s" % (self.id, name)

    def addr(self, name):
        return "10.%d.0.%d" % (self.subnet, self.names.index(name) + 1)

    def ip(self, *args):
        subprocess.run(["ip"] + list(args), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def setup(self):
        hub = "plt%s-hub" % self.id
        self.ip("netns", "add", hub)
        self.created.append(hub)
        self.ip("-n", hub, "link", "set", "lo", "up")
        self.ip("-n", hub, "link", "add", "br0", "type", "bridge")
        self.ip("-n", hub, "link", "set", "br0", "up")
        for i, name in enumerate(self.names, start=1):
            ns = self.ns(name)
            self.ip("netns", "add", ns)
            self.created.append(ns)
            self.ip("-n", ns, "link", "set", "lo", "up")
            self.ip("-n", hub, "link", "add", "v%d" % i, "type", "veth", "peer", "name", "eth0", "netns", ns)
            self.ip("-n", hub, "link", "set", "v%d" % i, "master", "br0")
            self.ip("-n", hub, "link", "set", "v%d" % i, "up")
            self.ip("-n", ns, "addr", "add", self.addr(name) + "/24", "dev", "eth0")
            self.ip("-n", ns, "link", "set", "eth0", "up")

    def popen(self, name, command, logname, env=None, user=None, stdout=None):
        full = ["ip", "netns", "exec", self.ns(name)]
        if user:
            full += ["runuser", "-u", user, "--"]
        full += command
        environment = dict(os.environ)
        environment.update(env or {})
        out = stdout if stdout is not None else open(os.path.join(self.logdir, logname), "ab")
        proc = subprocess.Popen(full, stdout=out, stderr=subprocess.STDOUT if stdout is None else open(
            os.path.join(self.logdir, logname), "ab"), env=environment, start_new_session=True)
        self.procs.append(proc)
        return proc

    def run(self, name, command, timeout=10):
        result = subprocess.run(["ip", "netns", "exec", self.ns(name)] + command, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, timeout=timeout)
        return result.returncode, result.stdout.decode(errors="replace")

    def pids(self, name):
        out = subprocess.run(["ip", "netns", "pids", self.ns(name)], stdout=subprocess.PIPE, check=True).stdout.decode()
        return [int(p) for p in out.split()]

    def kill(self, name):
        """SIGKILL every process in the host until none is left; returns the instant of the first signal."""
        pids = self.pids(name)
        started = mono_ns()
        deadline = time.time() + 10
        while pids:
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            if time.time() > deadline:
                raise RuntimeError("processes %s in %s survived SIGKILL" % (pids, name))
            time.sleep(0.005)
            pids = self.pids(name)
        self.reap()
        return started

    def reap(self):
        for proc in list(self.procs):
            if proc.poll() is not None:
                self.procs.remove(proc)

    def kill_all(self):
        for name in self.names:
            if self.ns(name) in self.created:
                self.kill(name)
        for proc in self.procs:
            try:
                proc.kill()
                proc.wait(timeout=5)
            except Exception:
                pass
        self.procs = []

    def close(self):
        try:
            self.kill_all()
        finally:
            for ns in reversed(self.created):
                subprocess.run(["ip", "netns", "del", ns], stderr=subprocess.DEVNULL)
            self.created = []


# ---- helpers inside the hosts --------------------------------------------------------------------

def curl(hosts, frm, url, method="GET", data=None, token=None, timeout=2):
    command = ["curl", "-s", "-m", str(timeout), "-X", method, url]
    if data is not None:
        command += ["-d", data]
    if token:
        command += ["-H", "Authorization: Bearer " + token]
    code, out = hosts.run(frm, command, timeout=timeout + 5)
    return out if code == 0 else None


def wait_for(what, predicate, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if predicate():
                return
        except Exception:
            pass
        time.sleep(0.1)
    raise RuntimeError("timed out after %ds waiting for %s" % (timeout, what))


class Etcd:
    def __init__(self, hosts, datadir, heartbeat, election, members=("a", "b", "c")):
        self.hosts, self.members = hosts, list(members)
        cluster = ",".join("%s=http://%s:2380" % (m, hosts.addr(m)) for m in self.members)
        for m in self.members:
            client, peer = "http://%s:2379" % hosts.addr(m), "http://%s:2380" % hosts.addr(m)
            hosts.popen(m, ["etcd", "--name", m, "--data-dir", os.path.join(datadir, "etcd-" + m),
                            "--listen-client-urls", client, "--advertise-client-urls", client,
                            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                            "--initial-cluster", cluster, "--initial-cluster-state", "new",
                            "--initial-cluster-token", "plt" + hosts.id + "-" + os.path.basename(datadir),
                            "--heartbeat-interval", str(heartbeat), "--election-timeout", str(election),
                            "--logger", "zap", "--log-level", "warn"], "etcd-%s.log" % m)
        for m in self.members:
            wait_for("etcd member %s healthy" % m,
                     lambda m=m: '"true"' in (curl(hosts, "c", "http://%s:2379/health" % hosts.addr(m)) or ""), 30)

    def endpoints(self):
        return ",".join("%s:2379" % self.hosts.addr(m) for m in self.members)

    def _status(self):
        ids, leader = {}, None
        for m in self.members:
            out = curl(self.hosts, "c", "http://%s:2379/v3/maintenance/status" % self.hosts.addr(m), "POST", "{}")
            if out:
                status = json.loads(out)
                ids[m] = int(status["header"]["member_id"])
                leader = int(status["leader"])
        return ids, leader

    def leader(self):
        """The host of etcd's leader now (asked from C)."""
        ids, leader = self._status()
        return next((m for m, i in ids.items() if i == leader), "?")

    def move_leader(self, to):
        """etcdctl move-leader: makes the member on host `to` the leader (asked of the current leader)."""
        ids, leader = self._status()
        current = next(m for m, i in ids.items() if i == leader)
        if current != to:
            code, out = self.hosts.run("c", ["etcdctl", "--endpoints", "http://%s:2379" % self.hosts.addr(current),
                                             "move-leader", "%x" % ids[to]], timeout=15)
            if code != 0:
                raise RuntimeError("etcdctl move-leader to %s failed: %s" % (to, out))
        wait_for("etcd's leader on %s" % to, lambda: self.leader() == to, 15)


class KeyWatch:
    """etcdctl watch on one key, from C through C's own member (it survives); the instant of each DELETE as it arrives."""

    def __init__(self, hosts, key, logname):
        self.deletes = []
        self.lock = threading.Lock()
        self.proc = hosts.popen("c", ["etcdctl", "--endpoints", "http://%s:2379" % hosts.addr("c"), "watch", key],
                                logname, stdout=subprocess.PIPE)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            if line.strip() == b"DELETE":
                with self.lock:
                    self.deletes.append(mono_ns())

    def first_after(self, since):
        with self.lock:
            return next((t for t in self.deletes if t > since), None)


class Client:
    """The client process in C; collects (time, host) of every acknowledged write."""

    def __init__(self, hosts, kind, targets, pace, logname):
        self.acks = []
        self.lock = threading.Condition()
        self.proc = hosts.popen("c", ["/usr/bin/python3", os.path.abspath(__file__), "client", "--kind", kind,
                                      "--pace", str(pace)] + targets, logname, stdout=subprocess.PIPE)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            parts = line.decode().split()
            if len(parts) >= 3 and parts[0] == "ACK":
                with self.lock:
                    self.acks.append((int(parts[1]), parts[2]))
                    self.lock.notify_all()

    def count(self, host, since=0):
        with self.lock:
            return sum(1 for t, h in self.acks if h == host and t > since)

    def first_after(self, host, since, timeout):
        deadline = time.time() + timeout
        with self.lock:
            while True:
                for t, h in self.acks:
                    if h == host and t > since:
                        return t
                left = deadline - time.time()
                if left <= 0:
                    return None
                self.lock.wait(left)


# ---- the three systems ---------------------------------------------------------------------------

class Bench:
    def __init__(self, args):
        self.args = args
        self.hosts = Hosts(["a", "b", "c"], args.logs)
        self.java = [args.java] + args.java_opts.split() + ["-jar", args.jar]
        self.tokens_file = os.path.join(args.work, "tokens.jsonl")
        self.tokens = {}

    def token(self, role, name, region=None):
        command = self.java + ["token", "add", "--role", role, "--name", name, "--file", self.tokens_file]
        if region:
            command += ["--region", region]
        self.tokens[name] = subprocess.run(command, check=True, stdout=subprocess.PIPE).stdout.decode().strip()

    def prepare(self):
        self.hosts.setup()
        self.token("agent", "agent-east", "east")
        self.token("agent", "agent-west", "west")
        self.token("operator", "bench")

    def settle_and_kill(self, client, rundir, etcd=None, placement="elected", watch_key=None):
        """Lets the client write for a moment, kills A at a random phase; returns (ms to B's first ack, etcd's leader at
        the kill, writes A acknowledged, ms to the deletion of the writer's key in etcd or None)."""
        watch = KeyWatch(self.hosts, watch_key, os.path.basename(rundir) + "-watch.log") if watch_key else None
        wait_for("acknowledged writes on A", lambda: client.count("a") >= 20, 60)
        if etcd and placement != "elected":
            etcd.move_leader(placement)
        time.sleep(self.args.settle + random.random())
        leader = etcd.leader() if etcd else "-"
        before = client.count("a")
        killed = self.hosts.kill("a")
        first = client.first_after("b", killed, self.args.timeout)
        if first is None:
            raise RuntimeError("no write acknowledged by B within %ds of the kill; logs in %s" % (self.args.timeout, rundir))
        gone = watch.first_after(killed) if watch else None
        return (first - killed) / 1e6, leader, before, (gone - killed) / 1e6 if gone else None

    def store_round(self, kind, round_no, placement="elected"):
        hosts = self.hosts
        rundir = os.path.join(self.args.work, "r%d-%s-%s" % (round_no, kind, placement))
        os.makedirs(rundir)
        etcd = None
        if kind == "etcd":
            etcd = Etcd(hosts, rundir, self.args.etcd_heartbeat, self.args.etcd_election)
            coordinator = "etcd://%s/pilotlight/bench" % etcd.endpoints()
        else:
            coordinator = "http://%s:7000" % hosts.addr("c")
            hosts.popen("c", self.java + ["store", "coordinator", "--listen", hosts.addr("c") + ":7000", "--state",
                                          os.path.join(rundir, "coordinator.json"), "--token-file", self.tokens_file],
                        "r%d-%s-%s-coordinator.log" % (round_no, kind, placement))
            wait_for("the coordinator", lambda: curl(hosts, "c", coordinator + "/current", token=self.tokens["bench"]) is not None, 60)
        peers = []
        for region, host in (("east", "a"), ("west", "b")):
            peers += ["--peer", "%s=http://%s:7001" % (region, hosts.addr(host))]
        for region, host in (("east", "a"), ("west", "b")):
            hosts.popen(host, self.java + ["store", "serve", "--region", region, "--data", os.path.join(rundir, region),
                                           "--listen", hosts.addr(host) + ":7001", "--coordinator", coordinator,
                                           "--initial-writer", "east", "--auto-failover", "--lease", self.args.lease,
                                           "--token-file", self.tokens_file] + peers,
                        "r%d-%s-%s-%s.log" % (round_no, kind, placement, region), env={"PILOTLIGHT_TOKEN": self.tokens["agent-" + region]})

        def status(host):
            return json.loads(curl(hosts, "c", "http://%s:7001/status" % hosts.addr(host), token=self.tokens["bench"]))

        def writer():
            for host in ("a", "b"):
                try:
                    if str(status(host)["role"]).lower() == "writer":
                        return host
                except Exception:
                    pass
            return None

        wait_for("a writer", lambda: writer() is not None, 90)
        if writer() == "b":  # a short lease can change hands while the JVMs warm up: hand it back to A first
            log("west took the lease at start-up; switching over to east")
            curl(hosts, "c", "http://%s:7001/switchover?to=east" % hosts.addr("b"), "POST", "", token=self.tokens["bench"], timeout=30)
        wait_for("east the writer", lambda: writer() == "a", 60)
        wait_for("west streaming", lambda: status("b").get("streaming") is True, 60)
        client = Client(hosts, "store", ["a=http://%s:7001" % hosts.addr("a"), "b=http://%s:7001" % hosts.addr("b")],
                        self.args.pace, "r%d-%s-%s-client.log" % (round_no, kind, placement))
        try:
            return self.settle_and_kill(client, rundir, etcd, placement, "/pilotlight/bench/writer" if etcd else None)
        finally:
            hosts.kill_all()
            self.discard(rundir)

    def patroni_round(self, round_no, placement="elected"):
        hosts = self.hosts
        rundir = os.path.join(self.args.work, "r%d-patroni-%s" % (round_no, placement))
        os.makedirs(rundir)
        shutil.chown(rundir, "postgres", "postgres")
        etcd = Etcd(hosts, rundir, self.args.etcd_heartbeat, self.args.etcd_election)
        subnet = "10.%d.0.0/24" % hosts.subnet
        for host in ("a", "b"):
            sockets = os.path.join(rundir, "sock-" + host)
            os.makedirs(sockets)
            shutil.chown(sockets, "postgres", "postgres")
            config = {
                "scope": "plt%s-r%d" % (hosts.id, round_no), "namespace": "/service/", "name": "pg-" + host,
                "restapi": {"listen": hosts.addr(host) + ":8008", "connect_address": hosts.addr(host) + ":8008"},
                "etcd3": {"hosts": etcd.endpoints()},
                "bootstrap": {
                    "dcs": {"ttl": 20, "loop_wait": 1, "retry_timeout": 3, "maximum_lag_on_failover": 1048576,
                            "postgresql": {"use_pg_rewind": False, "use_slots": True,
                                           "parameters": {"wal_level": "replica", "hot_standby": "on",
                                                          "max_wal_senders": 5, "max_replication_slots": 5}}},
                    "initdb": [{"encoding": "UTF8"}, {"auth": "trust"}],
                },
                "postgresql": {
                    "listen": hosts.addr(host) + ":5432", "connect_address": hosts.addr(host) + ":5432",
                    "data_dir": os.path.join(rundir, "pg-" + host), "bin_dir": self.args.pgbin,
                    "pgpass": os.path.join(rundir, "pgpass-" + host),
                    "authentication": {"replication": {"username": "replicator", "password": "rep"},
                                       "superuser": {"username": "postgres", "password": "pg"}},
                    "parameters": {"unix_socket_directories": sockets},
                    "pg_hba": ["local all all trust", "host all all %s trust" % subnet,
                               "host replication replicator %s trust" % subnet],
                },
                "watchdog": {"mode": "off"},
                "tags": {"nofailover": False, "noloadbalance": False, "clonefrom": False, "nosync": False},
            }
            path = os.path.join(rundir, "patroni-%s.yml" % host)
            with open(path, "w") as out:
                json.dump(config, out, indent=1)  # JSON is YAML
            shutil.chown(path, "postgres", "postgres")
            hosts.popen(host, ["/usr/bin/patroni", path], "r%d-patroni-%s-%s.log" % (round_no, placement, host), user="postgres")
            if host == "a":
                wait_for("Patroni's primary in A", lambda: '"role": "master"' in (curl(hosts, "c", "http://%s:8008/patroni" % hosts.addr("a")) or "")
                         or '"role": "primary"' in (curl(hosts, "c", "http://%s:8008/patroni" % hosts.addr("a")) or ""), 120)

        def replica_streaming():
            out = curl(hosts, "c", "http://%s:8008/patroni" % hosts.addr("b")) or ""
            return '"role": "replica"' in out and '"state": "running"' in out

        wait_for("Patroni's replica in B streaming", replica_streaming, 180)
        client = Client(hosts, "pg", ["a=%s" % hosts.addr("a"), "b=%s" % hosts.addr("b")], self.args.pace,
                        "r%d-patroni-%s-client.log" % (round_no, placement))
        try:
            return self.settle_and_kill(client, rundir, etcd, placement, "/service/plt%s-r%d/leader" % (hosts.id, round_no))
        finally:
            hosts.kill_all()
            self.discard(rundir)

    def discard(self, rundir):
        """A round's data (etcd preallocates 64 MB of WAL per member; PostgreSQL, RocksDB) goes once measured: a run would
        otherwise leave gigabytes on a shared disk. The logs stay. KEEP_DATA=1 keeps it."""
        if not self.args.keep_data:
            shutil.rmtree(rundir, ignore_errors=True)


def median(values):
    return statistics.median(values) if values else float("nan")


def main_bench(args):
    bench = Bench(args)
    placements = [p for p in args.etcd_leader.split(",") if p]
    variants = []  # (label, system, placement): each etcd-based system once per placement of etcd's leader
    for system in [s for s in args.systems.split(",") if s]:
        for placement in (["elected"] if system == "inproc" else placements):
            variants.append((system if placement == "elected" else "%s@%s" % (system, placement), system, placement))
    labels = [v[0] for v in variants]
    results = {label: [] for label in labels}
    leaders = {label: [] for label in labels}
    lapses = {label: [] for label in labels}
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: sys.exit(130))
    try:
        bench.prepare()
        log("hosts: A %s, B %s, C %s (namespaces %s, %s, %s)" % (bench.hosts.addr("a"), bench.hosts.addr("b"), bench.hosts.addr("c"),
                                                                 bench.hosts.ns("a"), bench.hosts.ns("b"), bench.hosts.ns("c")))
        for round_no in range(1, args.runs + 1):
            for label, system, placement in variants:
                started = time.time()
                if system == "patroni":
                    ms, leader, before, gone = bench.patroni_round(round_no, placement)
                else:
                    ms, leader, before, gone = bench.store_round(system, round_no, placement)
                results[label].append(ms)
                leaders[label].append(leader)
                lapses[label].append(gone)
                log("round %d %-10s %8.0f ms  (writer's key deleted in etcd at %s; etcd leader at the kill: %s; %d writes acknowledged"
                    " by A before it; round took %.0f s)" % (round_no, label, ms, "%.0f ms" % gone if gone else "-", leader, before,
                                                            time.time() - started))
    finally:
        bench.hosts.close()
    width = max(10, max(len(label) for label in labels) + 2)
    print()
    print("Failover: every process in A killed -> first write acknowledged by B (ms); @X: etcd's leader on host X at the kill")
    print("%-*s" % (width, "system") + "".join("%9s" % ("run %d" % (i + 1)) for i in range(args.runs)) + "%10s" % "median")
    for label in labels:
        print("%-*s" % (width, label) + "".join("%9.0f" % v for v in results[label]) + "%10.0f" % median(results[label]))
    print()
    print("Where the time goes (medians, ms): the kill -> the writer's key deleted in etcd (its etcd lease lapsed) -> B's first ack")
    for label, system, placement in variants:
        pairs = [(g, v) for g, v in zip(lapses[label], results[label]) if g is not None]
        if pairs:
            print("%-*s lease lapse %6.0f   then reaction %6.0f   (%d runs with the deletion seen)"
                  % (width, label, median([g for g, _ in pairs]), median([v - g for g, v in pairs]), len(pairs)))
    for label, system, placement in variants:
        if system != "inproc" and placement == "elected":
            print("etcd's leader at the kill (%s): %s" % (label, " ".join(leaders[label])))
    med = {label: median(v) for label, v in results.items()}
    for placement in placements:
        suffix = "" if placement == "elected" else "@" + placement
        etcd, patroni = med.get("etcd" + suffix), med.get("patroni" + suffix)
        if etcd is not None and patroni is not None:
            print("ratio Patroni / etcd%s: %.1fx (target: at least 6x)" % (suffix, patroni / etcd))
        if etcd is not None and "inproc" in med:
            print("ratio etcd%s / in-process: %.2fx" % (suffix, etcd / med["inproc"]))
        if etcd is not None:
            print("etcd%s median %.2f s with a %s lease (target: under 3 s): %s"
                  % (suffix, etcd / 1000, args.lease, "met" if etcd < 3000 else "MISSED"))
    with open(os.path.join(args.work, "results.json"), "w") as out:
        json.dump({"runs_ms": results, "writer_key_deleted_ms": lapses, "etcd_leader_at_kill": leaders, "medians_ms": med, "lease": args.lease,
                   "etcd_heartbeat_ms": args.etcd_heartbeat, "etcd_election_ms": args.etcd_election}, out, indent=1)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    client = sub.add_parser("client")
    client.add_argument("--kind", choices=["store", "pg"], required=True)
    client.add_argument("--pace", type=float, default=0.005)
    client.add_argument("targets", nargs="+")
    bench = sub.add_parser("bench")
    bench.add_argument("--runs", type=int, default=5)
    bench.add_argument("--systems", default="etcd,inproc,patroni")
    bench.add_argument("--work", required=True)
    bench.add_argument("--jar", required=True)
    bench.add_argument("--java", required=True)
    bench.add_argument("--java-opts", default="")
    bench.add_argument("--pgbin", default="/usr/lib/postgresql/15/bin")
    bench.add_argument("--lease", default="2s")
    bench.add_argument("--etcd-heartbeat", type=int, default=50)
    bench.add_argument("--etcd-election", type=int, default=500)
    bench.add_argument("--etcd-leader", default="b,a",
                       help="where etcd's leader is when A is killed, a comma list of elected, a, b, c (moved there first);"
                            " each etcd-based system runs once per entry")
    bench.add_argument("--pace", type=float, default=0.005)
    bench.add_argument("--settle", type=float, default=2.0)
    bench.add_argument("--timeout", type=int, default=90)
    bench.add_argument("--keep-data", action="store_true")
    args = parser.parse_args()
    if args.command == "client":
        try:
            (client_store if args.kind == "store" else client_pg)(args.targets, args.pace)
        except (KeyboardInterrupt, BrokenPipeError):
            pass
    else:
        args.logs = os.path.join(args.work, "logs")
        os.makedirs(args.logs, exist_ok=True)
        main_bench(args)


if __name__ == "__main__":
    main()
