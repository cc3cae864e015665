"""Nothing is ever downloaded: no nltk.download anywhere, and the pipeline runs with the network cut off."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_no_download_calls_in_the_project():
    offenders = []
    for path in REPO.rglob("*"):
        if {".venv", ".git", "test-output"} & set(path.parts) or not path.is_file() or path.suffix not in {".py", ".sh", ".txt", ""}:
            continue
        if path == Path(__file__):
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        if "nltk.download" in text or "punkt_tab" in text:
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_a_fresh_process_summarizes_without_network_or_nltk_data(tmp_path, sample_text):
    # A fresh interpreter whose sockets all fail and whose NLTK data path is empty. It counts every
    # attempt to connect or resolve a name, and checks that its refusal is in force: the test would
    # prove nothing if the patch did not take.
    script = f"""
import socket
attempts = []
def refuse(*a, **k):
    attempts.append(a)
    raise OSError("network disabled in this test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import os
os.environ["NLTK_DATA"] = {str(tmp_path)!r}
from service.text.pipeline import Bound, BoundKind, SummaryOptions, summarize
from service.text.rank import ALGORITHMS
text = open({str(REPO.parent / 'shared/data/samples/news_article.txt')!r}, encoding='utf-8').read()
for name in ALGORITHMS:
    result = summarize(SummaryOptions(text=text, algorithm=name, bound=Bound(BoundKind.SENTENCES, 3)))
    assert len(result.sentences) == 3, name
print("attempts", len(attempts))
import urllib.request
try:
    urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)
except OSError as error:
    print("refused", "network disabled in this test" in str(error))
"""
    run = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    # Nothing tried the network while every algorithm ran, and a download would have been refused.
    assert run.stdout.split("\n")[:2] == ["attempts 0", "refused True"]
