#!/usr/bin/env bash
# Domain benchmark (issue 7): a generated province, then `tdkt check --benchmark` (load the data
# folder + every table of every checked year + every rule check) timed with /usr/bin/time -v,
# pinned to one core. Goal: 1,000,000 award rows in < 10 s on one core, peak RSS < 512 MB,
# 10× the rows ≈ 10× the time.
#
#   bench/domain.sh                      # 100k and 1M award rows
#   SIZES="100000" bench/domain.sh       # other sizes
#   SCRATCH=.build-mine bench/domain.sh  # another build folder
#   DIR=/tmp/x bench/domain.sh           # where the generated provinces are kept (reused)
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH=${SCRATCH:-.build}
DIR=${DIR:-/tmp/tdkt-domain-bench}
SIZES=${SIZES:-"100000 1000000"}
RUNS=${RUNS:-3}

swift build -c release --scratch-path "$SCRATCH" --product tdkt >&2
TDKT="$SCRATCH/release/tdkt"
PIN=()
command -v taskset >/dev/null && PIN=(taskset -c 0)
mkdir -p "$DIR"

# The value after the last ": " of a /usr/bin/time -v line ("Elapsed (wall clock) time (h:mm:ss or m:ss): 0:05.09").
field() { grep -F "$1" "$2" | head -1 | awk -F': ' '{print $NF}'; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (wall time on a busy machine exceeds CPU time)"
printf '%-10s %-12s %8s %8s %8s %9s  %s\n' "awards" "rows" "wall" "user s" "sys s" "RSS MB" "phases reported by tdkt"
for n in $SIZES; do
    d="$DIR/awards-$n"
    if [ ! -f "$d/don-vi.csv" ]; then
        /usr/bin/time -v "$TDKT" du-lieu-mau "$d" --so-khen-thuong "$n" --hat-giong 2024 >/dev/null 2>"$DIR/generate-$n.txt"
        echo "generated $d in $(field 'Elapsed (wall clock)' "$DIR/generate-$n.txt")" >&2
    fi
    rows=$(( $(cat "$d"/khen-thuong-*.csv | wc -l) - $(ls "$d"/khen-thuong-*.csv | wc -l) ))
    "${PIN[@]}" "$TDKT" check "$d" --benchmark >/dev/null 2>&1 || true     # warm-up
    for r in $(seq 1 "$RUNS"); do
        out="$DIR/check-$n-$r.txt"
        status=0
        /usr/bin/time -v "${PIN[@]}" "$TDKT" check "$d" --benchmark >/dev/null 2>"$out" || status=$?
        if [ "$status" -gt 1 ]; then echo "tdkt check failed (exit $status), see $out" >&2; exit 1; fi
        wall=$(field 'Elapsed (wall clock)' "$out")
        user=$(field 'User time' "$out")
        sys=$(field 'System time' "$out")
        rss=$(( $(field 'Maximum resident set size' "$out") / 1024 ))
        phases=$(grep '^do_hieu_nang' "$out" | sed 's/do_hieu_nang //' || true)
        printf '%-10s %-12s %8s %8s %8s %9s  %s\n' "$n" "$rows" "$wall" "$user" "$sys" "$rss" "$phases"
    done
done
