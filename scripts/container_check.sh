#!/usr/bin/env bash
# Build the Dockerfile and run the container for real, then check it; CI runs this (.ci/run).
#
# Made for CI's kind of machine: Debian bookworm, root, no Docker engine, no image registry. So it
# installs podman/buildah/runc/debootstrap from apt, debootstraps a local bookworm base image
# (python3, venv, pip, CA certificates) from the Debian mirror apt already uses, and builds with
# --build-arg BASE_IMAGE=<that image>. Set BASE_IMAGE=python:3.11-slim (or any) to skip that
# where a registry is reachable.
#
# Everything podman does happens in a private store under one temporary directory (its own
# containers.conf and storage.conf): nothing outside it is touched, and it is all removed at the
# end, pass or fail. Set KEEP=1 to keep it for a look.
#
# What it checks: the image builds (build time printed); it has a HEALTHCHECK, a non-root user,
# port 8000 and SUMMARIZER_BIND=0.0.0.0:8000; its venv holds exactly requirements.txt, with no
# pip, no compiler and no tests; the container starts with a read-only root filesystem (only
# /tmp is a tmpfs), as a non-root user, with all capabilities dropped; /healthz and /readyz
# answer; the sample article is summarized with exact offsets; `podman healthcheck run` passes;
# SIGTERM stops it cleanly. The image size is printed.
set -euo pipefail
cd "$(dirname "$0")/.."

SAMPLE=${SAMPLE:-../shared/data/samples/news_article.txt}
BASE_IMAGE=${BASE_IMAGE:-}
HOST_CA=${HOST_CA:-/etc/ssl/certs/ca-certificates.crt}
SUITE=bookworm
TAG=$$

PASSED=0
FAILED=0
say() { printf '== container: %s\n' "$*"; }
ok() { printf 'ok   %s\n' "$*"; PASSED=$((PASSED + 1)); }
fail() { printf 'FAIL %s\n' "$*" >&2; FAILED=1; exit 1; }

test -f "$SAMPLE" || fail "the sample article $SAMPLE is missing (../shared sits beside the repository)"
[ "$(id -u)" = 0 ] || fail "run as root (rootful podman and debootstrap)"

# --- tools (idempotent: apt only when something is missing) ----------------------------------
need=()
for tool in podman buildah runc debootstrap; do command -v "$tool" >/dev/null || need+=("$tool"); done
if [ "${#need[@]}" -gt 0 ]; then
    say "installing ${need[*]} from apt"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman buildah runc debootstrap >/dev/null
fi
say "$(podman --version), $(buildah --version | cut -d' ' -f1-3), $(runc --version | head -n1)"

# --- a private podman: runc (crun fails on this hybrid cgroup set-up), ulimits under the hard ---
# --- limits here, and a store of its own under $WORK -----------------------------------------
WORK=$(mktemp -d /tmp/summarizer-container.XXXXXX)
CONTAINER=summarizer-check-$TAG
IMAGE=localhost/summarizer:check-$TAG
LOCAL_BASE=localhost/summarizer-base:$SUITE-$TAG
cat >"$WORK/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "$WORK/libpod"
EOF
cat >"$WORK/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$WORK/storage"
runroot = "$WORK/run"
EOF
export CONTAINERS_CONF=$WORK/containers.conf CONTAINERS_STORAGE_CONF=$WORK/storage.conf

cleanup() {
    local rc=$?
    if [ "$rc" != 0 ] && podman container exists "$CONTAINER" 2>/dev/null; then
        echo "--- container log (last 40 lines)" >&2
        podman logs --tail 40 "$CONTAINER" >&2 || true
    fi
    if [ "${KEEP:-0}" = 1 ]; then
        say "KEEP=1: left $WORK (export CONTAINERS_CONF=$WORK/containers.conf CONTAINERS_STORAGE_CONF=$WORK/storage.conf)"
        return
    fi
    podman rm --force --time 0 "$CONTAINER" >/dev/null 2>&1 || true
    podman rmi --force "$IMAGE" "$LOCAL_BASE" >/dev/null 2>&1 || true
    # The store's overlay mounts live under $WORK; unmount them (deepest first) before removing.
    awk -v w="$WORK" 'index($2, w) == 1 {print $2}' /proc/mounts | sort -r | while read -r m; do
        umount -l "$m" || true
    done
    rm -rf "$WORK"
    say "cleaned up (container, images, store, $WORK)"
    # The closing line: one per check above (a failure stops at the first).
    [ "$rc" = 0 ] || FAILED=1
    printf 'container: %d passed, %d failed\n' "$PASSED" "$FAILED"
}
trap cleanup EXIT

# --- the base image -----------------------------------------------------------------------------
if [ -z "$BASE_IMAGE" ]; then
    # The mirror apt already uses (deb822 sources first, then the one-line format).
    mirror=$(grep -hoP '^URIs:\s*\K\S+' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -n1 || true)
    [ -n "$mirror" ] || mirror=$(grep -hoP "^deb\s+(\[[^]]*\]\s+)?\K\S+(?=\s+$SUITE\s)" /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -n1 || true)
    mirror=${mirror:-http://deb.debian.org/debian}
    say "debootstrap --variant=minbase $SUITE from $mirror"
    t0=$SECONDS
    debootstrap --variant=minbase --include=python3,python3-venv,python3-pip,ca-certificates,passwd \
        "$SUITE" "$WORK/rootfs" "$mirror" >"$WORK/debootstrap.log" 2>&1 \
        || { tail -n 30 "$WORK/debootstrap.log" >&2; fail "debootstrap"; }
    # What python:3.11-slim leaves out too: apt's caches and lists, docs and man pages.
    rm -rf "$WORK"/rootfs/var/cache/apt/* "$WORK"/rootfs/var/lib/apt/lists/* \
        "$WORK"/rootfs/usr/share/doc/* "$WORK"/rootfs/usr/share/man/*
    tar -C "$WORK/rootfs" -c . | podman import --quiet - "$LOCAL_BASE" >/dev/null
    rm -rf "$WORK/rootfs"
    BASE_IMAGE=$LOCAL_BASE
    ok "base image $BASE_IMAGE in $((SECONDS - t0)) s"
fi

# --- build ------------------------------------------------------------------------------------
build_args=(--format docker --layers=false --network host
    --ulimit nofile=20000:20000 --ulimit nproc=32768:32768
    --build-arg "BASE_IMAGE=$BASE_IMAGE" --tag "$IMAGE" --file Dockerfile)
# A local base image is never to be looked for in a registry (there is none here).
[ "$BASE_IMAGE" != "$LOCAL_BASE" ] || build_args+=(--pull-never)
# pip in the build reaches PyPI only with this machine's CA bundle: mount it and point pip at it.
if [ -s "$HOST_CA" ]; then
    build_args+=(--volume "$HOST_CA:/etc/ssl/certs/host-ca.crt:ro" --build-arg PIP_CERT=/etc/ssl/certs/host-ca.crt)
fi
say "podman build --format docker --build-arg BASE_IMAGE=$BASE_IMAGE"
t0=$SECONDS
podman build "${build_args[@]}" . >"$WORK/build.log" 2>&1 || { tail -n 40 "$WORK/build.log" >&2; fail "podman build"; }
build_seconds=$((SECONDS - t0))
ok "image builds: $IMAGE in $build_seconds s"
size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
base_size=$(podman image inspect --format '{{.Size}}' "$BASE_IMAGE")
ok "image size: $((size / 1000000)) MB (base image $((base_size / 1000000)) MB, the service's layers $(((size - base_size) / 1000000)) MB)"

# --- the image's configuration ------------------------------------------------------------------
inspect() { podman image inspect --format "$1" "$IMAGE"; }
[ -n "$(inspect '{{.HealthCheck}}')" ] && [ "$(inspect '{{.HealthCheck}}')" != "<nil>" ] \
    || fail "no HEALTHCHECK in the image (built without --format docker?)"
ok "HEALTHCHECK: $(inspect '{{.HealthCheck.Test}}' | cut -c1-60)..."
user=$(inspect '{{.User}}')
case "$user" in "" | 0 | 0:* | root | root:*) fail "image user is root ($user)" ;; esac
ok "image user: $user"
inspect '{{json .Config.ExposedPorts}}' | grep -q '"8000/tcp"' || fail "port 8000 is not exposed"
inspect '{{json .Config.Env}}' | grep -q '"SUMMARIZER_BIND=0.0.0.0:8000"' || fail "SUMMARIZER_BIND is not 0.0.0.0:8000"
ok "exposes 8000/tcp, SUMMARIZER_BIND=0.0.0.0:8000"

# The venv holds exactly the runtime requirements (requirements.txt is not in the image, only the
# venv built from it): no pip, no setuptools, no test or dev tool; no compiler, no tests.
want=$(grep -oP '^[A-Za-z0-9._-]+(?===)' requirements.txt | tr 'A-Z_.' 'a-z--' | LC_ALL=C sort)
podman run --rm --network none --no-healthcheck --entrypoint python3 "$IMAGE" -c '
import importlib.metadata as md, os, re, shutil, sys
if not sys.prefix.startswith("/opt/venv"):
    sys.exit(f"python3 is not the venv: {sys.prefix}")
for tool in ("gcc", "cc", "make", "pytest", "hadolint"):
    if shutil.which(tool):
        sys.exit(f"{shutil.which(tool)} in the image")
for tool in ("pip", "pip3", "setuptools"):
    if os.path.exists(f"/opt/venv/bin/{tool}") or any(os.path.exists(f"{p}/{tool}") for p in sys.path if p.startswith("/opt/venv")):
        sys.exit(f"{tool} in the venv")
for path in ("/app/tests", "/app/requirements-dev.txt", "/app/.git", "/app/.ci", "/app/deploy"):
    if os.path.exists(path):
        sys.exit(f"{path} in the image")
venv = [p for p in sys.path if p.startswith("/opt/venv")]
print("\n".join(sorted(re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower() for d in md.distributions(path=venv))))
' >"$WORK/venv.txt" 2>&1 || { cat "$WORK/venv.txt" >&2; fail "image contents"; }
have=$(cat "$WORK/venv.txt")
[ "$want" = "$have" ] || { diff <(echo "$want") <(echo "$have") >&2 || true; fail "the venv is not exactly requirements.txt (< wanted, > found)"; }
ok "venv /opt/venv holds exactly requirements.txt ($(echo "$have" | wc -l) packages), no pip or setuptools; no compiler, test tool or tests in the image"

# --- run it: read-only root, only /tmp writable, no capabilities, host loopback only ------------
# Host networking with a loopback bind keeps all traffic on 127.0.0.1 and needs no iptables.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
say "podman run --read-only (tmpfs /tmp only) on 127.0.0.1:$port"
podman run --detach --name "$CONTAINER" --network host \
    --read-only --read-only-tmpfs=false --tmpfs /tmp:rw,nosuid,nodev,size=64m \
    --cap-drop ALL --security-opt no-new-privileges --memory 1g \
    --health-interval disable \
    --env SUMMARIZER_BIND="127.0.0.1:$port" \
    "$IMAGE" >/dev/null 2>"$WORK/run.err" || { cat "$WORK/run.err" >&2; fail "podman run"; }
# Without systemd, podman cannot schedule the healthcheck timer and says so; the check itself
# runs on demand below (podman healthcheck run), which is what is being tested.
grep -v 'systemd connection' "$WORK/run.err" >&2 || true
BASE_URL=http://127.0.0.1:$port

t0=$SECONDS
until python3 -c "import urllib.request, sys; urllib.request.urlopen('$BASE_URL/readyz', timeout=2)" 2>/dev/null; do
    [ "$(podman inspect --format '{{.State.Running}}' "$CONTAINER")" = true ] || fail "the container exited"
    [ $((SECONDS - t0)) -lt 90 ] || fail "/readyz did not answer 200 within 90 s"
    sleep 1
done
ok "container starts: /readyz answers 200 after $((SECONDS - t0)) s"

# HTTP checks with the host's python3 (the image has no curl, and needs none).
python3 - "$BASE_URL" "$SAMPLE" <<'PY'
import json, sys, urllib.request

base, sample = sys.argv[1], sys.argv[2]
text = open(sample, encoding="utf-8").read()

def get(path):
    with urllib.request.urlopen(base + path, timeout=10) as r:
        return r.status, json.load(r)

status, body = get("/healthz")
assert (status, body.get("status")) == (200, "ok"), (status, body)
print("ok   GET /healthz -> 200", json.dumps(body))

request = urllib.request.Request(
    base + "/v1/summarize",
    data=json.dumps({"text": text, "sentences": 3}).encode(),
    headers={"Content-Type": "application/json"},
)
with urllib.request.urlopen(request, timeout=60) as r:
    status, body = r.status, json.load(r)
assert status == 200, status
sentences = body["sentences"]
assert len(sentences) == 3, len(sentences)
for s in sentences:
    assert text[s["offset"] : s["offset"] + s["length"]] == s["text"], s
assert body["summary"] == " ".join(s["text"] for s in sentences), body["summary"]
assert body["stats"]["summary"]["sentences"] == 3, body["stats"]
print(f"ok   POST /v1/summarize sentences=3 -> 200, 3 sentences whose offsets slice the text exactly"
      f" ({body['algorithm']}, {body['stats']['input']['words']} words in, {body['stats']['summary']['words']} out)")
for s in sentences:
    print(f"       [{s['offset']}:{s['offset'] + s['length']}] {s['text'][:90]}")

request = urllib.request.Request(
    base + "/v1/summarize?sentences=2", data=text.encode(),
    headers={"Content-Type": "text/plain", "Accept": "text/plain"},
)
with urllib.request.urlopen(request, timeout=60) as r:
    lines = r.read().decode().splitlines()
assert len(lines) == 2 and all(line in text for line in lines), lines
print("ok   POST /v1/summarize text/plain sentences=2 -> 2 lines, each found in the text")
PY

# Not root: every process in the container (gunicorn's master and workers, and this check).
podman exec "$CONTAINER" python3 -c '
import glob, os, sys
procs = []
for status in glob.glob("/proc/[0-9]*/status"):
    if status == f"/proc/{os.getpid()}/status":
        continue
    try:
        fields = dict(line.split(":", 1) for line in open(status))
    except OSError:
        continue
    rss = int(fields.get("VmRSS", "0 kB").split()[0]) // 1024
    procs.append((fields["Name"].strip(), int(fields["Uid"].split()[1]), rss))
print(", ".join(f"{n} uid {u} rss {r} MB" for n, u, r in sorted(procs)))
sys.exit(1 if not procs or any(u == 0 for _, u, _ in procs) else 0)
' >"$WORK/procs.txt" || { cat "$WORK/procs.txt" >&2; fail "a process runs as root"; }
ok "no process is root: $(cat "$WORK/procs.txt")"

[ "$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$CONTAINER")" = true ] || fail "root filesystem is not read-only"
podman exec "$CONTAINER" sh -c 'touch /app/x 2>/dev/null || touch /opt/venv/x 2>/dev/null || touch /home/app/x 2>/dev/null' \
    && fail "could write to the root filesystem"
podman exec "$CONTAINER" sh -c 'touch /tmp/x && rm /tmp/x' || fail "/tmp is not writable"
ok "runs with --read-only: /app, /opt/venv and /home/app are not writable, /tmp is (tmpfs)"

podman healthcheck run "$CONTAINER" >"$WORK/health.txt" 2>&1 || { cat "$WORK/health.txt" >&2; fail "podman healthcheck run"; }
health=$(podman inspect --format '{{.State.Health.Status}}' "$CONTAINER")
[ "$health" = healthy ] || fail "health status after podman healthcheck run: $health"
ok "podman healthcheck run: exit 0, status $health"

# SIGTERM (what Kubernetes and `podman stop` send): gunicorn shuts down gracefully and exits 0.
t0=$SECONDS
podman stop --time 30 "$CONTAINER" >/dev/null 2>"$WORK/stop.err" || { cat "$WORK/stop.err" >&2; fail "podman stop"; }
grep -v 'systemd connection' "$WORK/stop.err" >&2 || true
podman logs "$CONTAINER" 2>&1 | grep -q 'Shutting down' || fail "gunicorn did not log a graceful shutdown"
code=$(podman inspect --format '{{.State.ExitCode}}' "$CONTAINER")
[ "$code" = 0 ] || fail "exit code $code after SIGTERM"
ok "SIGTERM: gunicorn shut down gracefully (exit 0) in $((SECONDS - t0)) s"

say "PASS (build $build_seconds s, image $((size / 1000000)) MB)"
