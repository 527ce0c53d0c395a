#!/usr/bin/env bash
# `make bench`: Lighthouse's mobile scores for five pages, served by the release binary on a
# fresh database with the demo neighbourhood (what a visitor of a small site gets). Prints
# figures and never fails: a page Lighthouse cannot measure shows as "-".
set -uo pipefail
cd "$(dirname "$0")/.."
port=${LIGHTHOUSE_PORT:-3200}
base="http://127.0.0.1:$port"
dir=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
  rm -rf "$dir"
}
trap cleanup EXIT

BUURTPLEIN_DB="$dir/demo.db" BUURTPLEIN_DEMO=1 BUURTPLEIN_HOLD_FIRST_POSTS=0 \
LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR="127.0.0.1:$port" \
  target/release/server >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do
  curl -sf "$base/health" >/dev/null && break
  sleep 0.2
done

# A resident starts a discussion too, through the same server functions the site's forms
# post to (the demo's own conversations are there as well).
api() {
  curl -sf -o /dev/null -b "$dir/cookies" -c "$dir/cookies" -H 'Sec-Fetch-Site: same-origin' \
    --data "$2" "$base/api/$1"
}
api account/sign-up 'username=buurvrouw&display_name=Buurvrouw+Els&password=een+lange+zin&password_again=een+lange+zin'
api threads/start 'neighbourhood=de-lindenhoek&title=Wie+helpt+mee+met+de+buurtmaaltijd%3F&body=We+koken+elke+vrijdag+samen.+**Iedereen+is+welkom**%2C+ook+als+je+niet+kunt+koken.'
thread=$(curl -sf "$base/gesprekken" | grep -o 'href="/gesprekken/[0-9]*"' | head -1 | sed 's/^href="//; s/"$//')
pages=(/ /plekken /plekken/buurthuis-de-linde)
[ -n "$thread" ] && pages+=("$thread")
pages+=(/activiteiten)

printf '\nLighthouse 12 (mobile, simulated slow 4G), demo data\n'
printf '%-32s %5s %5s %5s %5s %9s %8s\n' page perf a11y best seo 'LCP ms' 'TBT ms'
for page in "${pages[@]}"; do
  CHROME_PATH=/usr/bin/chromium bench/node_modules/.bin/lighthouse "$base$page" \
    --quiet --output=json --output-path="$dir/report.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox" >/dev/null 2>&1 || rm -f "$dir/report.json"
  if [ -f "$dir/report.json" ]; then
    jq -r --arg page "$page" '
      def score(c): (.categories[c].score // null) | if . == null then "-" else (. * 100 | round | tostring) end;
      def ms(a): (.audits[a].numericValue // null) | if . == null then "-" else (round | tostring) end;
      [$page, score("performance"), score("accessibility"), score("best-practices"), score("seo"),
       ms("largest-contentful-paint"), ms("total-blocking-time")] | @tsv' "$dir/report.json" |
      while IFS=$'\t' read -r name perf a11y best seo lcp tbt; do
        printf '%-32s %5s %5s %5s %5s %9s %8s\n' "$name" "$perf" "$a11y" "$best" "$seo" "$lcp" "$tbt"
      done
    rm -f "$dir/report.json"
  else
    printf '%-32s %5s %5s %5s %5s %9s %8s\n' "$page" - - - - - -
  fi
done
exit 0
