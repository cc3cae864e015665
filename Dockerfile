# syntax=docker/dockerfile:1
ARG BASE_IMAGE=python:3.11-slim
FROM ${BASE_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SUMMARIZER_BIND=0.0.0.0:8000

# A non-root user with a home directory (gunicorn keeps its control socket there).
RUN useradd --create-home --home-dir /home/app --shell /usr/sbin/nologin --uid 10001 app

WORKDIR /app

# Dependencies first: this layer is rebuilt only when requirements.txt changes.
COPY requirements.txt .
RUN python -m pip install -r requirements.txt

COPY service/ service/
COPY api_spec/ api_spec/
COPY wsgi.py gunicorn.conf.py ./

USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request, sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]
CMD ["gunicorn", "--config", "gunicorn.conf.py", "wsgi:app"]
