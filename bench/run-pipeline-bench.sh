#!/usr/bin/env bash
# Whole-process benchmark: `serverlessprep process` on a realistic partition vs DuckDB (threads=1) doing the same profile
# (SUMMARIZE) plus transform-and-write (COPY ... TO parquet), both pinned to one core. Reports rows/s, MB/s and peak RSS.
#   ROWS=2000000 bench/run-pipeline-bench.sh          # the issue's benchmark partition (2M rows, 250k-row groups)
#   ROWS=20000000 bench/run-pipeline-bench.sh         # 10x: peak RSS must stay flat
#   ONLINE=0 bench/run-pipeline-bench.sh              # also measure `process --no-online-features` (the pipeline alone)
#   DUCKDB=0 bench/run-pipeline-bench.sh              # skip the DuckDB comparison
#   CPU=1 bench/run-pipeline-bench.sh                 # pin to another core (default 0)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-2000000}
WORK=${WORK:-/tmp/serverlessprep-bench}
ONLINE=${ONLINE:-1}
DUCKDB=${DUCKDB:-1}
PIN=""
command -v taskset >/dev/null && PIN="taskset -c ${CPU:-0}"

mkdir -p "$WORK"
dotnet publish functions/ServerlessPrep.Cli -c Release -o "$WORK/cli" --nologo -v q >/dev/null
dotnet build bench/ServerlessPrep.PipelineBench -c Release -o "$WORK/bench" --nologo -v q >/dev/null

input="$WORK/lake-$ROWS/sales/part-0.parquet"
if [ ! -f "$input" ]; then
  echo "generating $ROWS rows -> $input" >&2
  dotnet "$WORK/bench/ServerlessPrep.PipelineBench.dll" generate "$ROWS" "$input"
fi
bytes=$(stat -c %s "$input")

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -v "$@" > "$WORK/$label.out" 2> "$WORK/$label.time" || { cat "$WORK/$label.time" >&2; exit 1; }
  local wall rss cpu
  wall=$(grep 'Elapsed (wall clock)' "$WORK/$label.time" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident set size' "$WORK/$label.time" | awk '{print $NF}')
  cpu=$(awk '/User time/ {u=$NF} /System time/ {s=$NF} END {print u+s}' "$WORK/$label.time")
  awk -v l="$label" -v w="$wall" -v r="$rss" -v c="$cpu" -v rows="$ROWS" -v b="$bytes" 'BEGIN {
    printf "%-14s %8.2f s wall %8.2f s cpu %12.0f rows/s %8.1f MB/s  peak RSS %6.0f MiB\n", l, w, c, rows / w, b / 1e6 / w, r / 1024 }'
}

rm -rf "$WORK/out" "$WORK/out-offline" "$WORK/duck"
echo "input: $ROWS rows, $((bytes / 1000000)) MB ($input)"
measure serverlessprep env DOTNET_gcServer=0 $PIN "$WORK/cli/serverlessprep" process "$WORK/lake-$ROWS" --out "$WORK/out" --spec bench/spec.yaml --json
if [ "$ONLINE" = 0 ]; then
  measure no-online env DOTNET_gcServer=0 $PIN "$WORK/cli/serverlessprep" process "$WORK/lake-$ROWS" --out "$WORK/out-offline" --spec bench/spec.yaml --json --no-online-features
fi
if [ "$DUCKDB" != 0 ]; then
  measure duckdb $PIN dotnet "$WORK/bench/ServerlessPrep.PipelineBench.dll" duckdb "$input" "$WORK/duck"
  cat "$WORK/duckdb.out"
fi
grep -E '"(rowsIn|rowsOut|seconds)"' "$WORK/serverlessprep.out" | tr -d ' ,' | paste -sd' ' -
