#!/usr/bin/env bash
# Checks the deployment files with the real tools where this machine has them (no Docker daemon, no
# cluster needed). Not part of ./mvnw verify (the tools are not on every machine); InfraManifestsTests is.
#   docker-compose v1 (Debian: apt-get install docker-compose): parses and interpolates the compose file
#   kubectl (any 1.27+; it embeds kustomize): renders base, engines and the production overlay
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
status=0

if command -v docker-compose >/dev/null 2>&1; then
  # v1 predates the top-level "name:" of the Compose Specification: check a copy without it
  tmp=$(mktemp)
  trap 'rm -f "$tmp"' EXIT
  sed '/^name:/d' compose/docker-compose.yml >"$tmp"
  if docker-compose -f "$tmp" --project-directory compose --env-file compose/.env.example config -q; then
    echo "compose: ok (docker-compose $(docker-compose version --short))"
  else
    echo "compose: INVALID"; status=1
  fi
else
  echo "compose: skipped (no docker-compose; apt-get install docker-compose)"
fi

if command -v kubectl >/dev/null 2>&1; then
  for target in k8s/base k8s/engines k8s/overlays/production k8s/overlays/campaign-peak; do
    if out=$(kubectl kustomize "$target" 2>&1); then
      echo "$target: ok ($(grep -c '^kind:' <<<"$out") resources)"
    else
      echo "$target: INVALID"; echo "$out"; status=1
    fi
  done
else
  echo "k8s: skipped (no kubectl)"
fi
exit $status
