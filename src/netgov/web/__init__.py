"""The staff console: server-rendered pages (Jinja2 + HTMX) over the service layer."""
