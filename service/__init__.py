"""Extractive summarization over HTTP: the Flask app, its contract and its text pipeline."""

from .app import create_app

__all__ = ["create_app"]
