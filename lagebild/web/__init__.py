"""The browser UI and the JSON API: server-rendered pages over the library functions.

``create_app(settings)`` in app.py builds the FastAPI application; ``lagebild
serve`` runs it with uvicorn. Nothing here holds pipeline logic: pages and API
call the same functions as the CLI and render their results.
"""
