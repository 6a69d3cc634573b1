#!/usr/bin/env bash
# The README's main command end to end, as a newcomer runs it: `pnpm dev` on a clone, wait for the
# gateway's health, one signed call for seeded demo data, then stop it and check nothing is left.
# Used by .ci/run; it uses the clone's .data/ and the default ports, so it is not for a machine
# where `pnpm dev` already runs.
set -euo pipefail
cd "$(dirname "$0")/../../.."
port=${PORT:-8080}
log=$(mktemp)

setsid pnpm dev >"$log" 2>&1 &
group=$!
stop() { kill -TERM -- "-$group" 2>/dev/null || true; }
trap 'stop; cat "$log"' ERR

node -e '
  const url = `http://127.0.0.1:${process.argv[1]}/_gateway/health`;
  const deadline = Date.now() + 300_000;
  (async () => {
    while (Date.now() < deadline) {
      const ok = await fetch(url).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    console.error(`no health at ${url} within 5 minutes`);
    process.exit(1);
  })();
' "$port"

answer=$(pnpm --silent retail GET '/members?phone=13800000001')
echo "$answer" | grep -q '"phone": "13800000001"' || { echo "unexpected answer: $answer"; false; }
echo "readme smoke: pnpm dev answered a signed call: $(echo "$answer" | head -1)"

stop
for _ in $(seq 1 60); do
  kill -0 "$group" 2>/dev/null || break
  sleep 0.5
done
node -e '
  const net = require("node:net");
  const ports = process.argv.slice(1).map(Number);
  Promise.all(ports.map((port) => new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => { socket.destroy(); resolve(port); });
    socket.once("error", () => resolve(undefined));
  }))).then((open) => {
    const left = open.filter(Boolean);
    if (left.length) { console.error(`still listening after stop: ${left.join(", ")}`); process.exit(1); }
  });
' "$port" 8900
[ ! -e .data/dev.pid ] || { echo ".data/dev.pid left behind"; false; }
echo "readme smoke: stopped cleanly"
rm -f "$log"
