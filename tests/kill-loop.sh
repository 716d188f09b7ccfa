#!/bin/sh
# kill-loop.sh: kills jury-desk with SIGKILL at random moments while it merges into a
# new panel, merges into an existing one and imports a scoring form, N times each,
# and checks after every kill that what is on disk is whole: the panel and the juror's
# database verify, a panel is either absent or complete, and after one more run in
# the folder no temporary file is left. Prints how many kills landed where.
#
#   tests/kill-loop.sh JURY_DESK_BINARY CALL.xml [N]
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

jury=$(realpath "$1")
call=$(realpath "$2")
n=${3:-100}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"

# Eight jurors, everything scored, so that a merge takes a while.
for j in 0 1 2 3 4 5 6 7; do
  "$jury" init "$call" --juror "Juror $j" -o "j$j.jury" > /dev/null
  "$jury" form "j$j.jury" -o form.csv
  awk -F, -v j=$j 'NR == 1 || $2 == "" { print; next }
                   { $3 = 1 + (NR + j) % 5; print }' OFS=, form.csv > filled.csv
  "$jury" import-scores "j$j.jury" filled.csv > /dev/null
done
cp j0.jury pristine.jury
"$jury" form j1.jury -o other.csv

random_ms () {
  od -An -N2 -tu2 /dev/urandom | awk -v max="$1" '{ print $1 % max }'
}

# Runs the command in the background and kills it after a random time under MAX_MS.
kill_during () {
  max_ms=$1; shift
  "$@" > /dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v ms="$(random_ms "$max_ms")" 'BEGIN { printf "%.3f", ms / 1000 }')"
  if kill -9 "$pid" 2> /dev/null; then
    wait "$pid" 2> /dev/null || true
    return 0
  fi
  wait "$pid" 2> /dev/null || true
  return 1
}

leftovers () {
  ls -A | grep -c '\.jury-desk\.tmp' || true
}

new_killed=0 new_partial=0 new_debris=0
into_killed=0 import_killed=0 bad=0

for i in $(seq "$n"); do
  # A new panel: absent or whole.
  rm -f panel.jury panel.jury-wal panel.jury-shm
  if kill_during 250 "$jury" merge -o panel.jury j0.jury j1.jury j2.jury j3.jury j4.jury j5.jury j6.jury j7.jury; then
    new_killed=$((new_killed + 1))
  fi
  [ "$(leftovers)" -gt 0 ] && new_debris=$((new_debris + 1))
  if [ -e panel.jury ]; then
    if ! "$jury" verify panel.jury > /dev/null 2>&1 ||
       [ "$("$jury" info panel.jury | awk -F': *' '/^Jurors:/ { print $2 }')" != 8 ]; then
      new_partial=$((new_partial + 1))
    fi
  fi

  # Into an existing panel of four: all eight or the four.
  rm -f panel.jury panel.jury-wal panel.jury-shm
  "$jury" merge -o panel.jury j0.jury j1.jury j2.jury j3.jury > /dev/null
  if kill_during 250 "$jury" merge -o panel.jury j4.jury j5.jury j6.jury j7.jury; then
    into_killed=$((into_killed + 1))
  fi
  jurors=$("$jury" info panel.jury | awk -F': *' '/^Jurors:/ { print $2 }')
  if ! "$jury" verify panel.jury > /dev/null 2>&1 || { [ "$jurors" != 4 ] && [ "$jurors" != 8 ]; }; then
    bad=$((bad + 1))
  fi

  # A form into a juror's database: all of it or none.
  cp pristine.jury j0.jury
  rm -f j0.jury-wal j0.jury-shm
  if kill_during 60 "$jury" import-scores --juror "Juror 0" j0.jury other.csv; then
    import_killed=$((import_killed + 1))
  fi
  "$jury" verify j0.jury > /dev/null 2>&1 || bad=$((bad + 1))
done

# One more run that writes in the folder sweeps what the killed ones left.
rm -f panel.jury panel.jury-wal panel.jury-shm
"$jury" merge -o panel.jury j0.jury > /dev/null
left=$(leftovers)

echo "new panel: $n runs, $new_killed killed, $new_debris left temporary files, $new_partial panels incomplete"
echo "into a panel: $n runs, $into_killed killed"
echo "import-scores: $n runs, $import_killed killed"
echo "databases that failed verify or held a partial merge: $bad"
echo "temporary files after the next run: $left"
[ "$new_partial" -eq 0 ] && [ "$bad" -eq 0 ] && [ "$left" -eq 0 ]
