#!/usr/bin/env bash
# "Nothing slower": the same benchmarks on an older revision and on this checkout, alternated in
# one run so both see the same machine load (these machines are shared and noisy).
#
#   bench/before_after.sh OLD_REV [ROUNDS]      # e.g. bench/before_after.sh 0c4558a 2
#   BENCHES="server" bench/before_after.sh OLD_REV 3   # only some (replay seek client server)
#
# The old revision is checked out in a temporary git worktree with its own virtual environment;
# this checkout runs with the active Python (install it first: pip install -e '.[test]').
# Each bench's output goes to $OUT/<side>-<bench>-<round>.txt (OUT is printed at the start).
set -euo pipefail
old=${1:?usage: bench/before_after.sh OLD_REV [ROUNDS]}
rounds=${2:-2}
benches=" ${BENCHES:-replay seek client server} "
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/ilot-before-after.XXXXXX)
OUT=$work/out
mkdir -p "$OUT"
echo "outputs in $OUT"
git -C "$here" worktree add -q --detach "$work/old" "$old"
trap 'git -C "$here" worktree remove --force "$work/old"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q -e "$work/old[test]"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy PYGAME_HIDE_SUPPORT_PROMPT=1

run() {  # side tree name command...
  local side=$1 tree=$2 name=$3; shift 3
  [[ $benches == *" $name "* ]] || return 0
  echo "== $side $name round $round ($(date -u +%H:%M:%S), load $(cut -d' ' -f1 /proc/loadavg))"
  (cd "$tree" && "$@") > "$OUT/$side-$name-$round.txt" 2>&1 || echo "   failed: see $OUT/$side-$name-$round.txt"
}

for round in $(seq "$rounds"); do
  for side in old new; do
    if [ "$side" = old ]; then tree=$work/old; py=$work/venv/bin/python; else tree=$here; py=python; fi
    run "$side" "$tree" replay "$py" bench/bench_replay.py --repeat 15
    run "$side" "$tree" seek "$py" bench/bench_seek.py
    # the client's idle CPU and note frames on a real Xvfb window (started by the bench)
    run "$side" "$tree" client env -u SDL_VIDEODRIVER "$py" bench/bench_client.py
    # the target load (20 rooms x 30 players, a note every 3 s each), one ladder step, the
    # welcome of a long bot session
    run "$side" "$tree" server "$py" bench/bench_server.py --kinds game --steps 0.5 --bot-seconds 60
  done
done
echo "done: $OUT"
