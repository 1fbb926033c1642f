#!/usr/bin/env bash
# Builds the base image of the Aisle image from Debian packages: a bookworm minbase root file system with
# OpenJDK 17's headless JRE, libgomp1 (XGBoost's natives), liblapack3 (Spark MLlib's native LAPACK) and the unprivileged user aisle (uid 10001, home
# /var/lib/aisle), written as a one-layer image tar in `docker save` format, which Jib reads as tar://.
# No image registry is needed. Usage: build-base-image.sh OUT.tar [MIRROR]; an existing OUT.tar is kept.
set -euo pipefail

out="${1:?usage: build-base-image.sh OUT.tar [MIRROR]}"
mirror="${2:-http://deb.debian.org/debian}"
[[ -s "$out" ]] && { echo "base image: $out exists, kept"; exit 0; }
command -v mmdebstrap >/dev/null || { echo "base image: mmdebstrap is missing (apt-get install mmdebstrap)" >&2; exit 1; }

mkdir -p "$(dirname "$out")"
work="$(mktemp -d "$(dirname "$out")/base.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# minbase keeps apt and dpkg out of the way of nothing; man, doc and locale files are left out, but
# update-alternatives needs the man1 folder to exist when the JRE's postinst registers java.1.gz.
mmdebstrap --mode=root --variant=minbase \
  --include=openjdk-17-jre-headless,libgomp1,liblapack3,ca-certificates \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
  --customize-hook='chroot "$1" useradd --uid 10001 --user-group --home-dir /var/lib/aisle --create-home aisle' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
  bookworm "$work/layer.tar" "$mirror"

diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
cat > "$work/config.json" <<CONFIG
{"architecture":"amd64","os":"linux",
 "config":{"User":"10001","WorkingDir":"/var/lib/aisle",
           "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created_by":"mmdebstrap bookworm minbase + openjdk-17-jre-headless libgomp1 liblapack3 ca-certificates"}]}
CONFIG
config_id="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
mv "$work/config.json" "$work/$config_id.json"
cat > "$work/manifest.json" <<MANIFEST
[{"Config":"$config_id.json","RepoTags":["aisle-base:bookworm-jre17"],"Layers":["layer.tar"]}]
MANIFEST
tar -C "$work" -cf "$work/image.tar" manifest.json "$config_id.json" layer.tar
mv "$work/image.tar" "$out"
echo "base image: $out ($diff_id)"
