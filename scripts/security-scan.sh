#!/usr/bin/env bash
# Scans a local demo instance of Hearth with Wapiti, Debian's web application scanner: first as a visitor, then signed
# in as the demo member. Installs the scanner from Debian's packages when it is missing. See docs/security.md.
#
#   bash scripts/security-scan.sh            # both scans, reports in .cache/security-scan/
#   SCAN_MINUTES=4 bash scripts/security-scan.sh   # a quicker look (default 10 minutes per scan)
#
# Exits 1 when Wapiti reports a vulnerability (an anomaly or an informational note does not count), 0 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${SCAN_PORT:-3947}"
BASE="http://127.0.0.1:${PORT}"
# Per scan, crawling included. Each attack module gets a share of it.
SCAN_SECONDS="$(((${SCAN_MINUTES:-10}) * 60))"
OUT=".cache/security-scan"
# The ssrf module needs Wapiti's server on the internet, wapp and nikto download databases, buster and
# brute_login_form guess names and passwords (the sign-in throttle answers them), timesql waits on purpose;
# shellshock and htaccess are for CGI scripts and Apache, xxe for XML that Hearth never reads, backup for stray files.
MODULES="cookieflags,crlf,csp,csrf,exec,file,http_headers,methods,permanentxss,redirect,sql,xss"

if ! command -v wapiti > /dev/null; then
  echo "Installing wapiti from Debian's packages."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wapiti > /dev/null
fi

rm -rf "$OUT" && mkdir -p "$OUT"
DATA="$(mktemp -d)"
node scripts/build-assets.mjs > /dev/null
# A demo of its own, in a folder of its own, so the forms the scanner fills in touch nothing else.
# Load shedding is off: a scanner's burst right after the start would otherwise be answered 503 and crawl nothing.
HEARTH_DATA_DIR="$DATA" PORT="$PORT" LOG_LEVEL=warn MAX_EVENT_LOOP_DELAY_MS=0 node bin/hearth.mjs start --demo > "$OUT/hearth.log" 2>&1 &
HEARTH_PID=$!
trap 'kill "$HEARTH_PID" 2> /dev/null || true; wait "$HEARTH_PID" 2> /dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  curl -fs "$BASE/readyz" > /dev/null 2>&1 && break
  sleep 1
done
curl -fs "$BASE/readyz" > /dev/null || {
  echo "Hearth did not start:"
  cat "$OUT/hearth.log"
  exit 1
}

# Signs in as the demo member through the real form, and writes the session cookie in Wapiti's format.
JAR="$OUT/curl-cookies.txt"
TOKEN="$(curl -fs -c "$JAR" "$BASE/sign-in" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)"
curl -fs -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "_csrf=$TOKEN" --data-urlencode "email=member@example.org" \
  --data-urlencode "password=hearth-demo-2026" "$BASE/sign-in"
SESSION="$(awk '$6 == "hearth_session" { print $7 }' "$JAR")"
[ -n "$SESSION" ] || {
  echo "Could not sign in as the demo member."
  exit 1
}
printf '{"127.0.0.1": {"/": {"hearth_session": {"value": "%s", "expires": null, "secure": false, "port": null, "version": 0}}}}\n' \
  "$SESSION" > "$OUT/member-cookie.json"

scan() {
  local name="$1"
  shift
  echo "Wapiti: scanning $BASE as $name (at most $SCAN_SECONDS s)."
  # Hearth compresses anonymous pages with Brotli, which Debian's Wapiti cannot read (it would crawl the home page
  # alone), so the scanner asks for gzip.
  # The CSRF field is left as the page gave it, so that attacks on the other fields reach the route (--skip _csrf).
  # Wapiti 3.0.4 on Python 3.11 fails on any -x (its exclusion pattern no longer compiles), so nothing is excluded:
  # the member scan may sign itself out or change the member's password part-way, and goes on as a visitor.
  wapiti -u "$BASE/" --scope domain -m "$MODULES" --flush-session --store-session "$OUT/session-$name" \
    --max-scan-time "$SCAN_SECONDS" --max-attack-time "$((SCAN_SECONDS / 4))" -d 6 --max-links-per-page 40 \
    --max-files-per-dir 30 -S normal -t 10 --skip _csrf \
    -H "Accept-Encoding: gzip, deflate" -f json -o "$OUT/$name.json" -v 0 --no-bugreport "$@" > "$OUT/$name.log" 2>&1 || true
  [ -s "$OUT/$name.json" ] || {
    echo "Wapiti wrote no report for $name:"
    tail -20 "$OUT/$name.log"
    exit 1
  }
}

scan visitor
scan member -c "$OUT/member-cookie.json"

# Counts what each report found: vulnerabilities fail the scan; anomalies (such as a 500) and notes are listed.
node scripts/security-scan-report.mjs "$OUT/visitor.json" "$OUT/member.json"
