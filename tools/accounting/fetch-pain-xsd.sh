#!/usr/bin/env bash
# The official ISO 20022 schema of pain.001.001.03, for the tests that validate the credit-transfer
# files: taken from Debian's package tryton-modules-account-payment-sepa (which ships the
# unmodified ISO file among its test data), downloaded and unpacked without being installed.
# Writes .cache/iso20022/pain.001.001.03.xsd; does nothing when it is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."
dest=.cache/iso20022
file=$dest/pain.001.001.03.xsd
# MD5 of the ISO file as published (the same bytes in every copy seen).
want=6a653c8fd9d574031dc5ce515407a656
if [ -f "$file" ] && [ "$(md5sum "$file" | cut -d' ' -f1)" = "$want" ]; then exit 0; fi
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && { apt-get download tryton-modules-account-payment-sepa 2>/dev/null ||
  { as_root apt-get update >/dev/null && apt-get download tryton-modules-account-payment-sepa; }; })
dpkg-deb -x "$tmp"/tryton-modules-account-payment-sepa_*.deb "$tmp/x"
mkdir -p "$dest"
cp "$(find "$tmp/x" -name pain.001.001.03.xsd | head -n 1)" "$file"
got=$(md5sum "$file" | cut -d' ' -f1)
if [ "$got" != "$want" ]; then
  echo "pain.001.001.03.xsd: MD5 $got, expected $want" >&2
  rm -f "$file"
  exit 1
fi
echo "$file"
