#!/usr/bin/env sh
# Replays a stored webhook delivery against a local server, signed like a partner would sign it.
# see ADR-0004 for the signature scheme; duplicates are harmless by design (ADR-0005).
set -eu
partner="${1:?usage: replay-webhook.sh <partner> <body.json>}"
body="${2:?usage: replay-webhook.sh <partner> <body.json>}"
secret_var="$(echo "$partner" | tr '[:lower:]' '[:upper:]')_WEBHOOK_SECRET"
secret="$(printenv "$secret_var")"
timestamp="$(date +%s)"
signature="$( (printf '%s.' "$timestamp"; cat "$body") | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.* //')"
curl -sS -X POST "http://127.0.0.1:${PORT:-8787}/webhooks/partners/$partner" \
  -H "Content-Type: application/json" \
  -H "X-Partner-Timestamp: $timestamp" \
  -H "X-Partner-Signature: sha256=$signature" \
  --data-binary "@$body"
