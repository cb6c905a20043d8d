#!/usr/bin/env bash
# Starts a long-lived command in the background, detached from its caller, stoppable by SIGTERM:
#
#   scripts/background.sh PID_FILE LOG_FILE COMMAND [ARGUMENT...]
#
# writes the command's process id to PID_FILE and returns at once (scripts/llm.sh starts
# llama-server with it; its tests start a stand-in).
#
# Detached: stdin from /dev/null, stdout and stderr to LOG_FILE, SIGHUP ignored (nohup), and no
# other descriptor of the caller's left open: a caller waiting for one to close (Foundation's
# Process on Linux) would otherwise wait for the command to end.
#
# Stoppable: every signal is unblocked and back to its default action (then nohup ignores
# SIGHUP), as for a command typed in a terminal. Blocked and ignored signals survive fork and
# exec, and callers have them: a Swift test runs on a thread that blocks nearly every signal
# (SIGTERM and SIGINT among them), and Foundation's Process and posix_spawn pass that mask on;
# a shell's `&` ignores SIGINT. A server started from a test ignored `kill PID`
# (scripts/llm.sh stop) for good.
set -euo pipefail

if [ $# -lt 3 ]; then
    echo "usage: $0 PID_FILE LOG_FILE COMMAND [ARGUMENT...]" >&2
    exit 2
fi
pid_file="$1"
log_file="$2"
shift 2

# `env --default-signal` is coreutils 8.31 or later; without it the command starts as before.
reset_signals=(env --default-signal)
if ! env --default-signal true 2>/dev/null; then
    echo "background.sh: this env cannot reset signals; $1 may ignore SIGTERM" >&2
    reset_signals=()
fi

(
    for fd in /proc/self/fd/*; do
        n="${fd##*/}"
        [ "$n" -gt 2 ] && eval "exec $n>&-" 2>/dev/null
    done
    exec ${reset_signals[@]+"${reset_signals[@]}"} nohup "$@" </dev/null >"$log_file" 2>&1
) &
echo $! >"$pid_file"
