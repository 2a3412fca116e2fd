#!/usr/bin/env bash
# Booking through the whole application against the machine's ceiling: ../shared/bench/raw-booking.sh (raw SQL, pgbench)
# right before `npm run bench:booking`, with the same clients and seconds, on the same PostgreSQL. The bar: ratio >= 0.5.
# usage: [DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres] [BENCH_CLIENTS=4] [BENCH_SECONDS=15] bench/booking-vs-raw.sh
# Last line: {"ratio":…,"bookingsPerSecond":…,"rawBookingSuccessesPerSecond":…,…}
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
export BENCH_CLIENTS=${BENCH_CLIENTS:-4} BENCH_SECONDS=${BENCH_SECONDS:-15}
raw_script=../shared/bench/raw-booking.sh

raw='null'
if [[ -x $raw_script || -f $raw_script ]]; then
  # The raw script speaks libpq's variables: take them from DATABASE_URL.
  eval "$(node -e 'const u = new URL(process.env.DATABASE_URL);
    console.log(`export PGHOST=${JSON.stringify(u.hostname)} PGPORT=${u.port || 5432} PGUSER=${JSON.stringify(decodeURIComponent(u.username) || "postgres")}`);
    if (u.password) console.log(`export PGPASSWORD=${JSON.stringify(decodeURIComponent(u.password))}`);')"
  raw=$(DUR=$BENCH_SECONDS CLIENTS=$BENCH_CLIENTS bash "$raw_script" | tail -n 1)
  echo "raw SQL:     $raw" >&2
else
  echo "booking-vs-raw: $raw_script is missing: no ceiling to compare with, running the application benchmark alone" >&2
fi

# The application benchmark exits non-zero on a double booking or an unexpected answer: still compare, then fail.
status=0
app=$(npm run --silent bench:booking | tail -n 1) || status=$?
echo "application: $app" >&2

RAW="$raw" APP="$app" node -e '
  const raw = JSON.parse(process.env.RAW);
  const app = JSON.parse(process.env.APP);
  const ceiling = raw ? raw.rawBookingSuccessesPerSecond : null;
  const ratio = ceiling ? Number((app.bookingsPerSecond / ceiling).toFixed(3)) : null;
  console.log(JSON.stringify({
    ratio,
    bar: 0.5,
    bookingsPerSecond: app.bookingsPerSecond,
    rawBookingSuccessesPerSecond: ceiling,
    rawBookingAttemptsPerSecond: raw ? raw.rawBookingAttemptsPerSecond : null,
    p50Ms: app.p50Ms,
    p99Ms: app.p99Ms,
    conflicts: app.conflicts,
    errors: app.errors ?? 0,
    doubleBookings: app.doubleBookings + (raw ? raw.doubleBookings : 0),
  }));'
exit "$status"
