#!/usr/bin/env bash
# A real one-node Slurm cluster on this machine, for the array-job integration tests and for
# trying `adeaug ... --executor slurm` by hand. Debian's slurm-wlm and munge, installed when missing.
#
#   scripts/slurm-cluster.sh start    write the config, start munged, slurmctld, slurmd; wait until the node is idle
#   scripts/slurm-cluster.sh stop     cancel its jobs, stop exactly the daemons it started, delete its folder
#   scripts/slurm-cluster.sh status   the node and the queue, or "not running"
#   scripts/slurm-cluster.sh env      the line to paste: export SLURM_CONF=...
#
# Everything lives in one folder ($ADEAUG_SLURM_DIR, default ${TMPDIR:-/tmp}/adeaug-slurm): slurm.conf,
# munge key and socket, spool and state directories, logs, pid files. Nothing is written to /etc,
# so clients need SLURM_CONF pointing at that slurm.conf (`start` and `env` print it). No
# accounting database: `sacct` has nothing to show, adeaug falls back to squeue and its markers.
# Ports 16817/16818 (ADEAUG_SLURM_PORT, +1) keep clear of a real cluster's 6817/6818.
set -euo pipefail

DIR="${ADEAUG_SLURM_DIR:-${TMPDIR:-/tmp}/adeaug-slurm}"
PORT="${ADEAUG_SLURM_PORT:-16817}"
CONF="$DIR/slurm.conf"
SCRIPTS="$(cd "$(dirname "$0")" && pwd)"

log() { echo "slurm-cluster: $*" >&2; }
source "$SCRIPTS/lib.sh"

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Stops the daemon whose pid file is $1 (SIGTERM, then SIGKILL after 10 s) and waits until it is gone.
stop_daemon() {
    local pidfile="$1" name="$2"
    pid_alive "$pidfile" || return 0
    local pid
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || { log "stopped $name ($pid)"; return 0; }; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    log "killed $name ($pid)"
}

write_config() {
    # The node as slurmd sees it (CPUs, cores, memory), so jobs get what the machine has.
    local node
    node="$(slurmd -C | head -1)"
    cat >"$CONF" <<EOF
# Written by scripts/slurm-cluster.sh: one node, everything under $DIR.
ClusterName=adeaug
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=$(id -un)
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$DIR/munge.socket
CredType=cred/munge
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
PlugStackConfig=$DIR/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# Without a default, a job without --mem takes the whole node's memory and runs alone.
DefMemPerCPU=1024
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
ReturnToService=2
# A merge job whose array failed or was cancelled goes away instead of pending forever.
DependencyParameters=kill_invalid_depend
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=5
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
    : >"$DIR/plugstack.conf"
}

start() {
    if pid_alive "$DIR/slurmctld.pid" && pid_alive "$DIR/slurmd.pid"; then
        log "already running ($DIR)"
        echo "export SLURM_CONF=$CONF"
        return 0
    fi
    need_debian slurm-wlm munge >&2
    mkdir -p "$DIR/state" "$DIR/spool"
    chmod 700 "$DIR"
    [ -f "$DIR/munge.key" ] || { dd if=/dev/urandom bs=1 count=1024 of="$DIR/munge.key" 2>/dev/null; chmod 400 "$DIR/munge.key"; }
    write_config
    export SLURM_CONF="$CONF"
    # Anything that fails from here on stops what was started, so no daemon outlives a failed start.
    trap 'log "start failed; stopping what was started (logs in $DIR)"; tail -5 "$DIR"/*.log >&2 || true; stop_daemons' ERR
    pid_alive "$DIR/munged.pid" || munged --force --key-file="$DIR/munge.key" --socket="$DIR/munge.socket" \
        --pid-file="$DIR/munged.pid" --log-file="$DIR/munged.log" --seed-file="$DIR/munged.seed" >&2
    wait_for "munged" test -S "$DIR/munge.socket"
    slurmctld -f "$CONF" >&2
    wait_for "slurmctld" pid_alive "$DIR/slurmctld.pid"
    slurmd -f "$CONF" >&2
    wait_for "slurmd" pid_alive "$DIR/slurmd.pid"
    wait_for "the node to be idle" node_idle
    trap - ERR
    log "running: $(sinfo -h -o '%N %T, %c CPUs, %m MB')"
    echo "export SLURM_CONF=$CONF"
}

node_idle() { [ "$(sinfo -h -o %T 2>/dev/null | head -1)" = "idle" ]; }

wait_for() {
    local what="$1"
    shift
    for _ in $(seq 1 120); do "$@" && return 0; sleep 0.5; done
    log "timed out waiting for $what"
    return 1
}

stop_daemons() {
    export SLURM_CONF="$CONF"
    if pid_alive "$DIR/slurmctld.pid"; then
        # Jobs first: their slurmstepd would otherwise outlive slurmd.
        scancel --full --quiet "--user=$(id -un)" 2>/dev/null || true
        for _ in $(seq 1 50); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.2; done
    fi
    stop_daemon "$DIR/slurmd.pid" slurmd
    stop_daemon "$DIR/slurmctld.pid" slurmctld
    stop_daemon "$DIR/munged.pid" munged
}

stop() {
    if [ ! -d "$DIR" ]; then
        log "not running"
        return 0
    fi
    stop_daemons
    rm -rf "$DIR"
    log "removed $DIR"
}

status() {
    if ! pid_alive "$DIR/slurmctld.pid"; then
        echo "not running"
        return 1
    fi
    export SLURM_CONF="$CONF"
    sinfo
    squeue
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    env) echo "export SLURM_CONF=$CONF" ;;
    *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
