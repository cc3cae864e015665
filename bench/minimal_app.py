"""The throughput baseline: a Flask app that only parses the JSON body of POST /v1/summarize."""

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/v1/summarize")
def parse_only():
    """Parse the body and answer with its size: the floor any JSON service pays."""
    body = request.get_json()
    return jsonify({"characters": len(body.get("text", ""))})
