#!/usr/bin/env bash
# Year-end sample data on demand (issue 10): a generated province whose main years (Y−1, Y)
# hold about N award rows — every form of the catalogue, 9 cụm/khối with scoring sheets,
# registrations, propaganda outputs, exemplars — written as the CSV/YAML an office exports.
# Not committed; the committed sample is data/bac-ninh-2025 (N = 6000).
#
#   bench/yearend-data.sh 100000 /tmp/tinh-100k      # ≥ 100,000 award rows
#   YEARS=2024,2025 SEED=2025 bench/yearend-data.sh N OUTDIR
#   SCRATCH=.build-mine bench/yearend-data.sh N OUTDIR    # another build folder
#   TDKT=.build/debug/tdkt bench/yearend-data.sh N OUTDIR # use a built tdkt as is
#
# Prints the generator's summary, then wall time and peak RSS of the last run (/usr/bin/time -v),
# and the size of the folder. OUTDIR is overwritten.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 2 ]; then
    echo "usage: bench/yearend-data.sh N OUTDIR" >&2
    exit 64
fi
N=$1
OUT=$2
YEARS=${YEARS:-2024,2025}
SEED=${SEED:-2025}
SCRATCH=${SCRATCH:-.build}
if [ -z "${TDKT:-}" ]; then
    swift build -c release --scratch-path "$SCRATCH" --product tdkt >&2
    TDKT="$SCRATCH/release/tdkt"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
count() { echo $(( $(cat "$OUT"/khen-thuong-*.csv | wc -l) - $(ls "$OUT"/khen-thuong-*.csv | wc -l) )); }
# The generator aims at "about N" rows (±2 %): ask 3 % more, and 3 % more again if short.
ask=$(( N + N * 3 / 100 ))
for attempt in 1 2 3; do
    /usr/bin/time -v "$TDKT" du-lieu-mau "$OUT" --nam "$YEARS" --so-khen-thuong "$ask" --hat-giong "$SEED" --ghi-de 2>"$log" \
        | grep -v '^  R[0-9]' || { cat "$log" >&2; exit 1; }
    rows=$(count)
    [ "$rows" -ge "$N" ] && break
    ask=$(( ask + N * 3 / 100 ))
    echo "($rows < $N rows: generating again with --so-khen-thuong $ask)"
done
field() { grep -F "$1" "$log" | head -1 | awk -F': ' '{print $NF}'; }
echo "award rows (all years): $rows"
echo "wall: $(field 'Elapsed (wall clock)')  user: $(field 'User time') s  sys: $(field 'System time') s  peak RSS: $(( $(field 'Maximum resident set size') / 1024 )) MB"
echo "folder: $(du -sh "$OUT" | cut -f1)"
