"""gunicorn settings, from the same SUMMARIZER_* environment as the app (see service/settings.py)."""

import gc
import glob
import os
import resource
import shutil
import tempfile

# Prometheus multiprocess mode (service/metrics.py): every worker writes its counts to files in this
# directory, so it must be in the environment before prometheus_client is first imported, which the
# import of the service below does. Set PROMETHEUS_MULTIPROC_DIR to choose it (it is emptied at
# start); otherwise a fresh one is made in the temporary directory (/tmp: writable in the container).
# On SIGHUP gunicorn reads this file again: the variable is set by then, so the counts carry over.
_METRICS_DIR_PREFIX = "summarizer-metrics-"
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix=_METRICS_DIR_PREFIX)
os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

from prometheus_client import multiprocess  # noqa: E402 - needs the variable above

from service.settings import Settings  # noqa: E402
from service.worker import DeadlineSyncWorker  # noqa: E402
from service.text import detect  # noqa: E402

# The language detector's model (tens of MB of numpy arrays) is loaded here, in the master, so the
# workers it forks share its pages instead of each reading a copy (create_app's preload then finds
# it loaded). Only arrays the workers never write: the pages stay shared.
detect.model()

_settings = Settings.from_env()

bind = _settings.bind
workers = _settings.workers
# A worker silent this long (one request running this long) is killed and replaced. The size limits
# keep the slowest request of the largest text to a few seconds, far inside it.
timeout = _settings.timeout
# SIGTERM and SIGHUP: in-flight requests get this long to finish.
graceful_timeout = _settings.timeout
# sync workers (one request per process at a time: summarizing is CPU-bound), each client held to
# a deadline for sending its request (SUMMARIZER_CLIENT_TIMEOUT): see service/worker.py.
DeadlineSyncWorker.client_timeout = _settings.client_timeout
# Each request's work stops with a 503 this long after its connection was accepted, well before
# the timeout above would kill the worker (SUMMARIZER_REQUEST_BUDGET): see service/text/deadline.py.
DeadlineSyncWorker.request_budget = _settings.request_budget_seconds

worker_class = DeadlineSyncWorker
# Each worker imports wsgi.py and so loads the models once (service.app.create_app), not the master.
preload_app = False
accesslog = None  # the app writes one JSON line per request itself
errorlog = "-"
loglevel = _settings.log_level.lower()
# Bounded request lines and headers; the body limit is the app's (SUMMARIZER_MAX_BODY_BYTES).
limit_request_line = 8190
limit_request_fields = 100


_PAGE_MIB = os.sysconf("SC_PAGE_SIZE") / 2**20
_MAX_WORKER_MEMORY = _settings.max_worker_memory


def post_worker_init(worker):
    """The worker has loaded the app and its models: keep them out of the garbage collector's scans.

    Everything alive now lives as long as the worker (sentence models, stemmers, stop words,
    the Flask app). Frozen, the collector stops traversing those hundred thousand or so objects
    at each full collection, which otherwise stalls a request for tens of milliseconds every few
    hundred requests.

    The youngest generation is collected after 50,000 net allocations instead of 700: a request
    on an article makes some ten thousand short-lived tuples and lists (tokens, spans), which
    at 700 set off a dozen collections each, every one traversing the young objects still alive;
    almost none of it is cyclic garbage, which reference counting frees at once. That takes
    about 3% off a request on the sample article (1.88 against 1.82 ms, one process, best of 5 × 600).
    """
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(50_000, older, oldest)


def post_request(worker, req, environ, resp):
    """A worker grown past SUMMARIZER_MAX_WORKER_MEMORY MiB finishes here and is replaced by a fresh one.

    Whatever made it grow (caches filled by unusual texts, fragmentation after huge requests), the
    pod's memory limit is never reached because of it: the answer has gone out, the worker exits
    as if recycled (max_requests), and the master starts another, which loads the models again.
    """
    # The peak resident size is one system call away and bounds the current one: while it is
    # under the limit (nearly always), there is nothing to read from /proc.
    if resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 <= _MAX_WORKER_MEMORY:
        return
    with open("/proc/self/statm") as statm:
        resident = int(statm.read().split()[1]) * _PAGE_MIB
    if resident > _MAX_WORKER_MEMORY and worker.alive:
        worker.log.warning("Worker using %d MiB (SUMMARIZER_MAX_WORKER_MEMORY is %d): replacing it.", resident, _MAX_WORKER_MEMORY)
        worker.alive = False


def _clear_metrics() -> None:
    for path in glob.glob(os.path.join(os.environ["PROMETHEUS_MULTIPROC_DIR"], "*.db")):
        os.remove(path)


def on_starting(server):
    """Start the counts from zero: files left by an earlier run would be added in."""
    _clear_metrics()


def child_exit(server, worker):
    """A worker is gone (stopped, recycled or killed): its requests in progress no longer count."""
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    """Leave nothing behind in /tmp: the counts go with the server."""
    directory = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    _clear_metrics()
    if os.path.basename(directory).startswith(_METRICS_DIR_PREFIX):
        shutil.rmtree(directory, ignore_errors=True)
