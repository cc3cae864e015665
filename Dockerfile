# syntax=docker/dockerfile:1
# The service's image. The build stage makes a virtual environment from requirements.txt; the
# final stage copies that venv next to the code and runs gunicorn as a non-root user. Nothing
# else from the build stage (pip, setuptools, caches, build tools) and no tests or dev tools
# (see .dockerignore, an allowlist) reach the final image.
#
# BASE_IMAGE is a build argument so that a machine without a registry can build from a local base
# image (scripts/container_check.sh does, with a debootstrapped Debian bookworm). Both stages use
# the same base, so the venv's python3 symlink points at the same interpreter in both.
#
# Runs with a read-only root filesystem as long as /tmp is writable (a tmpfs, or an emptyDir in
# Kubernetes): gunicorn keeps its worker heartbeat files there, XDG_RUNTIME_DIR puts its control
# socket there too (gunicorn 26+ otherwise creates it under $HOME/.gunicorn/), and gunicorn.conf.py
# makes the workers' Prometheus metrics directory there (PROMETHEUS_MULTIPROC_DIR).
ARG BASE_IMAGE=python:3.11-slim

FROM ${BASE_IMAGE} AS build

# Only for machines whose network needs a CA bundle of their own: pass a path that the build
# mounts (podman build -v HOST_BUNDLE:PATH:ro --build-arg PIP_CERT=PATH). Empty means pip's own.
ARG PIP_CERT=
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Dependencies first: this layer is rebuilt only when requirements.txt changes. pip and
# setuptools leave the venv once it is filled: the running service installs nothing.
COPY requirements.txt /tmp/requirements.txt
RUN python3 -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir --no-input -r /tmp/requirements.txt \
    && /opt/venv/bin/pip uninstall --yes --no-input setuptools pip

FROM ${BASE_IMAGE}

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    XDG_RUNTIME_DIR=/tmp \
    SUMMARIZER_BIND=0.0.0.0:8000

# A non-root user with a home directory, for runs with a writable root filesystem too.
RUN useradd --create-home --home-dir /home/app --shell /usr/sbin/nologin --uid 10001 --user-group app

WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY service/ service/
COPY api_spec/ api_spec/
COPY wsgi.py gunicorn.conf.py ./
# Byte-compile now: at run time the root filesystem may be read-only.
RUN python3 -m compileall -q /app

USER 10001:10001
EXPOSE 8000
# Asks /healthz on the port that SUMMARIZER_BIND names (8000 unless overridden).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python3", "-c", "import os, sys, urllib.request; port = os.environ.get('SUMMARIZER_BIND', '0.0.0.0:8000').rpartition(':')[2]; sys.exit(0 if urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz', timeout=4).status == 200 else 1)"]
CMD ["gunicorn", "--config", "gunicorn.conf.py", "wsgi:app"]
