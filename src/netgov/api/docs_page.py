"""``/docs``: the API reference as one self-contained HTML page, rendered on the server
from the app's own OpenAPI document (no scripts, fonts or styles from elsewhere, so it
works offline), with a curl example for every operation."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

router = APIRouter()

_METHODS = ("get", "post", "put", "patch", "delete")
_PREFIX = "#/components/schemas/"


@router.get("/docs", include_in_schema=False)
async def docs(request: Request) -> HTMLResponse:
    app: FastAPI = request.app
    page: str | None = getattr(app.state, "docs_page", None)
    if page is None:
        page = render(app.openapi(), base_url=str(request.base_url).rstrip("/"))
        app.state.docs_page = page
    return HTMLResponse(page)


def render(document: dict[str, Any], *, base_url: str) -> str:
    environment = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["type_of"] = type_of
    environment.filters["prose"] = prose
    schemas = document.get("components", {}).get("schemas", {})
    groups = _operations(document, schemas, base_url)
    return environment.get_template("docs.html").render(
        info=document.get("info", {}), groups=groups, schemas=sorted(schemas.items()), document=document
    )


def _operations(document: dict[str, Any], schemas: dict[str, Any], base_url: str) -> list[tuple[str, list[Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {tag["name"]: [] for tag in document.get("tags", [])}
    for path, item in document.get("paths", {}).items():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            entry = {
                "method": method.upper(),
                "path": path,
                "anchor": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", "").replace(":", "-"),
                "op": operation,
                "secured": bool(operation.get("security")),
                "body": _body(operation, schemas),
                "curl": curl(method, path, operation, schemas, base_url),
            }
            groups.setdefault((operation.get("tags") or ["other"])[0], []).append(entry)
    return [(name, entries) for name, entries in groups.items() if entries]


def _body(operation: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any] | None:
    content = operation.get("requestBody", {}).get("content", {})
    for media_type, body in content.items():
        return {"media_type": media_type, "schema": body.get("schema", {})}
    return None


def example(schema: dict[str, Any], schemas: dict[str, Any]) -> Any:
    """The schema's first example, following a ``$ref``; None when it has none."""
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(_PREFIX):
        schema = schemas.get(ref[len(_PREFIX) :], {})
    examples = schema.get("examples")
    return examples[0] if examples else None


def curl(method: str, path: str, operation: dict[str, Any], schemas: dict[str, Any], base_url: str) -> str:
    shown = path
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "path":
            shown = shown.replace("{" + parameter["name"] + "}", parameter["name"].upper())
    lines = [f"curl -sS -X {method.upper()} {shlex.quote(base_url + shown)}"]
    if operation.get("security"):
        lines.append('-H "Authorization: Bearer $NETGOV_API_KEY"')
    body = _body(operation, schemas)
    if body is not None:
        sample = example(body["schema"], schemas)
        lines.append(f"-H {shlex.quote('Content-Type: ' + body['media_type'])}")
        lines.append(
            "-d " + shlex.quote(json.dumps(sample if sample is not None else {}, ensure_ascii=False, indent=2))
        )
    return " \\\n  ".join(lines)


def type_of(schema: dict[str, Any]) -> Markup:
    """A schema in a few words, with links to the named schemas it uses."""
    if "$ref" in schema:
        name = str(schema["$ref"]).removeprefix(_PREFIX)
        return Markup('<a href="#schema-{0}">{0}</a>').format(name)
    if "anyOf" in schema or "oneOf" in schema:
        parts = [type_of(part) for part in schema.get("anyOf", schema.get("oneOf", []))]
        return Markup(" or ").join(parts)
    if "enum" in schema:
        return Markup("one of ") + Markup(", ").join(Markup("<code>{}</code>").format(v) for v in schema["enum"])
    if "const" in schema:
        return Markup("<code>{}</code>").format(json.dumps(schema["const"]))
    kind = schema.get("type", "any")
    if kind == "array":
        return Markup("array of ") + type_of(schema.get("items", {}))
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return Markup("object of ") + type_of(schema["additionalProperties"])
    return Markup("{}{}").format(kind, _limits(schema))


def _limits(schema: dict[str, Any]) -> str:
    words = [
        f"{label} {schema[key]}"
        for key, label in (
            ("minLength", "min length"),
            ("maxLength", "max length"),
            ("minimum", "≥"),
            ("maximum", "≤"),
            ("pattern", "pattern"),
            ("format", "format"),
        )
        if key in schema
    ]
    return f" ({', '.join(words)})" if words else ""


def prose(text: str | None) -> Markup:
    """Paragraphs, with `code` in backticks shown as code; everything else escaped."""
    paragraphs = []
    for paragraph in (text or "").split("\n\n"):
        pieces = str(escape(" ".join(paragraph.split()))).split("`")
        html = "".join(f"<code>{piece}</code>" if n % 2 else piece for n, piece in enumerate(pieces))
        if html:
            paragraphs.append(f"<p>{html}</p>")
    return Markup("".join(paragraphs))
