#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on loopback for the Galera test profile (mvn ... -Pgalera).
#
#   .ci/galera.sh start    installs mariadb-server and galera-4 if missing, starts the nodes, waits for size 3
#   .ci/galera.sh stop     stops the nodes by PID (and deletes nothing: the data stays for a look afterwards)
#   .ci/galera.sh status   prints the size, state and PID of each node
#
# Node n (1..3) listens for SQL on 127.0.0.1:2430n, for group communication on 2431n, for incremental state
# transfer on 2432n and for rsync state transfer on 2433n (ports nobody else uses). Data, logs, sockets and
# PID files live under $GALERA_DIR (default /tmp/hibernate-cas-galera), owned by the mysql user: the nodes run as
# that user, because rsync state transfer fails with "Permission denied" when mariadbd runs as root.
# Node 1 bootstraps the cluster (--wsrep-new-cluster); nodes 2 and 3 join it and receive node 1's data by rsync.
# Tests connect as cas/cas to database "cas" (created here).
set -euo pipefail

GALERA_DIR="${GALERA_DIR:-/tmp/hibernate-cas-galera}"
PROVIDER=/usr/lib/galera/libgalera_smm.so
NODES=(1 2 3)
START_TIMEOUT="${GALERA_START_TIMEOUT:-180}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
log() { echo "[galera] $*"; }
sql() { mariadb --protocol=socket -S "$GALERA_DIR/node$1/mysqld.sock" -u root -N -B -e "$2"; }
status_of() { sql "$1" "SHOW STATUS LIKE '$2'" 2>/dev/null | awk '{print $2}'; }
pid_of() { cat "$GALERA_DIR/node$1/mysqld.pid" 2>/dev/null || true; }
alive() { local pid; pid="$(pid_of "$1")"; [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

install_packages() {
    if command -v mariadbd >/dev/null && [ -f "$PROVIDER" ] && command -v rsync >/dev/null; then
        return
    fi
    log "installing mariadb-server, galera-4 and rsync"
    # Keep the Debian service from starting during installation: it would hold port 3306 and a datadir.
    local policy=/usr/sbin/policy-rc.d added=""
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
        as_root chmod +x "$policy"
        added=yes
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        mariadb-server mariadb-client galera-4 rsync >/dev/null
    [ -n "$added" ] && as_root rm -f "$policy"
    stop_debian_service
}

stop_debian_service() {
    # A service started by an earlier installation (or by a host without policy-rc.d) is stopped and disabled.
    if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
        as_root systemctl disable --now mariadb >/dev/null 2>&1 || true
    elif [ -x /etc/init.d/mariadb ]; then
        as_root /etc/init.d/mariadb stop >/dev/null 2>&1 || true
    fi
}

write_config() {
    local n=$1 dir="$GALERA_DIR/node$1"
    cat >"$dir/my.cnf" <<CNF
[mysqld]
user=mysql
datadir=$dir/data
socket=$dir/mysqld.sock
pid-file=$dir/mysqld.pid
log-error=$dir/error.log
port=2430$n
bind-address=127.0.0.1
skip-name-resolve
max_connections=300
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_flush_log_at_trx_commit=0
innodb_buffer_pool_size=64M
innodb_log_file_size=48M
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=hibernate-cas
wsrep_cluster_address=gcomm://127.0.0.1:24311,127.0.0.1:24312,127.0.0.1:24313
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:2431$n
wsrep_node_incoming_address=127.0.0.1:2430$n
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:2431$n;ist.recv_addr=127.0.0.1:2432$n;gcache.size=64M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:2433$n
CNF
}

start_node() {
    local n=$1 dir="$GALERA_DIR/node$1"; shift
    # setsid: the node outlives this script and is not killed with the shell that ran it
    setsid mariadbd --defaults-file="$dir/my.cnf" "$@" </dev/null >>"$dir/stdout.log" 2>&1 &
}

wait_for() { # n, description, command...
    local n=$1 what=$2; shift 2
    local deadline=$((SECONDS + START_TIMEOUT))
    until "$@"; do
        if [ $SECONDS -ge $deadline ]; then
            log "node $n: timed out after ${START_TIMEOUT}s waiting for $what; end of its error log:"
            tail -n 30 "$GALERA_DIR/node$n/error.log" || true
            exit 1
        fi
        sleep 1
    done
}

synced() { [ "$(status_of "$1" wsrep_local_state_comment)" = Synced ]; }
size3() { [ "$(status_of "$1" wsrep_cluster_size)" = 3 ]; }

start() {
    install_packages
    stop_debian_service
    for n in "${NODES[@]}"; do
        if alive "$n"; then
            log "node $n is already running (PID $(pid_of "$n")); run '$0 stop' first"
            exit 1
        fi
    done
    local began=$SECONDS
    as_root rm -rf "$GALERA_DIR"
    mkdir -p "$GALERA_DIR"
    for n in "${NODES[@]}"; do
        mkdir -p "$GALERA_DIR/node$n/data"
        write_config "$n"
    done
    chmod 755 "$GALERA_DIR"
    as_root chown -R mysql:mysql "$GALERA_DIR"
    as_root mariadb-install-db --defaults-file="$GALERA_DIR/node1/my.cnf" --skip-test-db >/dev/null
    log "starting node 1 (bootstrap)"
    start_node 1 --wsrep-new-cluster
    wait_for 1 "the bootstrap node to be synced" synced 1
    sql 1 "CREATE DATABASE IF NOT EXISTS cas; CREATE USER IF NOT EXISTS 'cas'@'127.0.0.1' IDENTIFIED BY 'cas';
           GRANT ALL ON *.* TO 'cas'@'127.0.0.1'; GRANT PROCESS ON *.* TO 'cas'@'127.0.0.1'"
    for n in 2 3; do
        log "starting node $n (joins by rsync state transfer)"
        start_node "$n"
        wait_for "$n" "node $n to be synced" synced "$n"
    done
    wait_for 1 "wsrep_cluster_size=3" size3 1
    log "cluster of 3 nodes up in $((SECONDS - began))s"
    status
}

stop() {
    for n in 3 2 1; do
        local pid; pid="$(pid_of "$n")"
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            log "stopping node $n (PID $pid)"
            kill "$pid"
            for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
            if kill -0 "$pid" 2>/dev/null; then
                log "node $n (PID $pid) did not stop in 60s; killing it"
                kill -9 "$pid" || true
            fi
        fi
    done
}

status() {
    local rc=0
    for n in "${NODES[@]}"; do
        if alive "$n"; then
            echo "node $n: PID $(pid_of "$n"), port 2430$n, cluster size $(status_of "$n" wsrep_cluster_size)," \
                 "state $(status_of "$n" wsrep_local_state_comment)"
        else
            echo "node $n: not running"
            rc=1
        fi
    done
    return $rc
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
