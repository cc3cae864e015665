"""gunicorn settings, from the same SUMMARIZER_* environment as the app (see service/settings.py)."""

from service.settings import Settings

_settings = Settings.from_env()

bind = _settings.bind
workers = _settings.workers
timeout = _settings.timeout
graceful_timeout = _settings.timeout
# sync workers: summarizing is CPU-bound, one request per process at a time.
worker_class = "sync"
# Each worker imports wsgi.py and so loads the models once (service.app.create_app);
# no preload in the master, so a SIGHUP reload picks up new code.
preload_app = False
accesslog = None  # the app writes one JSON line per request itself
errorlog = "-"
loglevel = _settings.log_level.lower()
# Bounded request lines and headers; the body limit is the app's (SUMMARIZER_MAX_BODY_BYTES).
limit_request_line = 8190
limit_request_fields = 100
