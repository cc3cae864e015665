"""The WSGI entry point for gunicorn."""

from service import create_app

app = create_app()
