"""Build zemu's operation and event catalogue from Zoom's OpenAPI documents and the seeds.

Run by hand from the repository root::

    python tools/build_catalog.py [--shared ../shared]

Inputs (read only here, never at run time): ``<shared>/reference/zoom-openapi/*.json``,
``<shared>/docs/seed-map.json`` and the Ants & Apps seed ``<shared>/seeds/003_*.txt``.
Fixes to Zoom's documents live in ``tools/catalog_patches.json`` (one reason per patch).
Output: ``src/zemu/catalog/data/catalog.json`` (minified, marked with ``generated_by`` and
``builder_hash``). Schemas are fully inlined, stripped of prose and made JSON-Schema valid.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

import jsonschema_rs

REPO = Path(__file__).resolve().parent.parent
PATCH_FILE = REPO / "tools" / "catalog_patches.json"
OUT_FILE = REPO / "src" / "zemu" / "catalog" / "data" / "catalog.json"
GENERATED_BY = "tools/build_catalog.py"
ZERO_HASH = "0" * 64
HTTP_METHODS = ("get", "post", "put", "patch", "delete")
MAX_REF_DEPTH = 40  # recursion guard for $ref chains; deeper refs become {} (open schema)

# Documents in priority order: when two documents hold the same method + path shape, the first wins
# for parameters and schemas; scopes are unioned.
REST_DOCS: tuple[tuple[str, str, str, str], ...] = (
    # file, product, service, variant
    ("zoom-phone-api-openapi.json", "phone", "zoom-phone", "account"),
    ("zoom-phone-number-management-openapi.json", "number_management", "zoom-number-management", "account"),
    ("zoom-users-api-openapi.json", "users", "zoom-users", "account"),
    ("zoom-accounts-api-openapi.json", "accounts", "zoom-accounts", "account"),
    ("zoom-marketplace-api-openapi.json", "marketplace", "zoom-marketplace", "account"),
    ("zoom-meetings-api-openapi.json", "meetings", "zoom-meetings", "account"),
    ("zoom-team-chat-api-openapi.json", "team_chat", "zoom-team-chat", "account"),
    ("zoom-rooms-api-openapi.json", "rooms", "zoom-rooms", "account"),
    ("zoom-number-management-ma-api-openapi.json", "number_management", "zoom-number-management", "master"),
    ("zoom-users-ma-api-openapi.json", "users", "zoom-users", "master"),
    ("zoom-accounts-ma-api-openapi.json", "accounts", "zoom-accounts", "master"),
    ("zoom-marketplace-ma-api-openapi.json", "marketplace", "zoom-marketplace", "master"),
    ("zoom-rooms-ma-api-openapi.json", "rooms", "zoom-rooms", "master"),
)
LEGACY_DOC = "zoom-meetings-legacy-2023-api-openapi.json"
WEBHOOK_DOCS: tuple[tuple[str, str], ...] = (
    ("zoom-phone-webhooks-openapi.json", "phone"),
    ("zoom-users-webhooks-openapi.json", "users"),
    ("zoom-accounts-webhooks-openapi.json", "accounts"),
    ("zoom-marketplace-webhooks-openapi.json", "marketplace"),
    ("zoom-meetings-webhooks-openapi.json", "meetings"),
    ("zoom-number-management-webhooks-openapi.json", "number_management"),
    ("zoom-rooms-webhooks-openapi.json", "rooms"),
    ("zoom-team-chat-webhooks-openapi.json", "team_chat"),
)
PRODUCT_SERVICE = {
    "phone": "zoom-phone",
    "number_management": "zoom-number-management",
    "users": "zoom-users",
    "accounts": "zoom-accounts",
    "marketplace": "zoom-marketplace",
    "meetings": "zoom-meetings",
    "team_chat": "zoom-team-chat",
    "rooms": "zoom-rooms",
}
DOC_PRODUCT = {f: p for f, p, _, _ in REST_DOCS} | {LEGACY_DOC: "meetings"}

KEEP_KEYS = frozenset(
    {
        "type",
        "properties",
        "items",
        "required",
        "enum",
        "format",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "pattern",
        "default",
        "minItems",
        "maxItems",
        "uniqueItems",
        "additionalProperties",
        "oneOf",
        "anyOf",
        "allOf",
        "nullable",
        "deprecated",
        "multipleOf",
        "minProperties",
        "maxProperties",
        "const",
        "not",
    }
)
SCHEMA_MAP_KEYS = ("properties",)
SCHEMA_LIST_KEYS = ("oneOf", "anyOf", "allOf")
JSON_TYPES = frozenset({"string", "integer", "number", "boolean", "object", "array", "null"})


def builder_hash(repo: Path = REPO) -> str:
    """sha256 over the builder source and the patch file (mirrored by zemu.catalog.loader)."""
    h = hashlib.sha256()
    for rel in ("tools/build_catalog.py", "tools/catalog_patches.json"):
        h.update(rel.encode())
        h.update(b"\0")
        h.update((repo / rel).read_bytes())
        h.update(b"\0")
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------
# Small text helpers


def mcp_method_name(op_id: str) -> str:
    """snake_case rule of seed-map.md ("MCP method names")."""
    s = re.sub(r"[^A-Za-z0-9]", "", op_id)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    return s.lower()


def path_shape(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)


def path_params(path: str) -> list[str]:
    return re.findall(r"\{([^}]+)\}", path)


_SCOPE_LINE = re.compile(r"(Granular Scopes|Scopes?)\]?(?:\([^)]*\))?\**\s*:?\s*\**\s*:?(.*)", re.I)
_TICKED = re.compile(r"`([^`]+)`")
_SCOPE_TOKEN = re.compile(r"^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)+$")


def scopes_from_description(desc: str) -> tuple[list[str], list[str]]:
    classic: list[str] = []
    granular: list[str] = []
    for line in desc.splitlines():
        for m in _SCOPE_LINE.finditer(line):
            bucket = granular if m.group(1).lower().startswith("granular") else classic
            for tok in _TICKED.findall(m.group(2)):
                for t in re.split(r"[,\s]+", tok):
                    if _SCOPE_TOKEN.match(t) and t not in bucket:
                        bucket.append(t)
            break
    return classic, granular


_RATE = re.compile(r"Rate Limit Label[^`]*`([^`]+)`", re.I)
RATE_LABELS = {
    "light": "Light",
    "medium": "Medium",
    "heavy": "Heavy",
    "resource-intensive": "Resource-intensive",
    "resource intensive": "Resource-intensive",
}


def rate_label(desc: str) -> str | None:
    m = _RATE.search(desc or "")
    if not m:
        return None
    return RATE_LABELS.get(m.group(1).strip().lower())


_STATUS = re.compile(r"\*\*HTTP Status Code:?\*\*:?\s*`(\d{3})`")
_ERR = re.compile(r"\*\*Error Code:?\*\*:?\s*`([\d_]+)`\s*(?:<br>)?\s*(.*?)\s*(?:<br>|\n\s*\n|$)", re.S)


def parse_errors(responses: dict[str, Any]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for status, resp in responses.items():
        desc = (resp or {}).get("description") or ""
        if "Error Code" not in desc:
            continue
        m = _STATUS.search(desc)
        http = int(m.group(1)) if m else (int(status) if status.isdigit() else 0)
        for em in _ERR.finditer(desc):
            msg = " ".join(em.group(2).split())
            row = (http, int(em.group(1).replace("_", "")), msg)
            if row not in out:
                out.append(row)
    return out


_DEFAULT_IS = re.compile(r"default(?:\s+value)?(?:\s+is|\s+of)?\s*[:\-]?\s*\**\s*`?(\d+)", re.I)
_MAX_IS = re.compile(r"max(?:imum)?(?:\s+value)?(?:\s+is|\s+of)?\s*[:\-]?\s*\**\s*`?(\d+)", re.I)


# ---------------------------------------------------------------------------------------------
# Schema resolution and compaction


class SchemaCompactor:
    """Resolves $refs against one document and strips a schema down to structure."""

    def __init__(self, doc: dict[str, Any], patches: dict[str, Any], stats: dict[str, int]) -> None:
        self.doc = doc
        self.rules = {r["rule"]: r for r in patches.get("rules", [])}
        self.ref_rewrites = patches.get("ref_rewrites", [])
        self.format_renames = patches.get("format_renames", {}).get("map", {})
        self.format_drop = set(patches.get("format_drop", {}).get("formats", []))
        self.type_renames = patches.get("type_renames", {}).get("map", {})
        self.stats = stats

    def _lookup(self, ref: str) -> Any:
        for rw in self.ref_rewrites:
            if ref.startswith(rw["from"]):
                ref = rw["to"] + ref[len(rw["from"]) :]
        if not ref.startswith("#/"):
            raise KeyError(ref)
        node: Any = self.doc
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def compact(self, schema: Any, depth: int = 0) -> Any:
        if not isinstance(schema, dict):
            return {} if schema is None else schema
        if "$ref" in schema:
            if depth >= MAX_REF_DEPTH:
                self.stats["ref_depth_cut"] = self.stats.get("ref_depth_cut", 0) + 1
                return {}
            try:
                target = self._lookup(schema["$ref"])
            except (KeyError, IndexError, ValueError):
                self.stats["ref_unresolved"] = self.stats.get("ref_unresolved", 0) + 1
                return {}
            merged = dict(target) | {k: v for k, v in schema.items() if k != "$ref"}
            return self.compact(merged, depth + 1)
        out: dict[str, Any] = {}
        for key, val in schema.items():
            if key not in KEEP_KEYS:
                continue
            if key == "properties" and isinstance(val, dict):
                out[key] = {n: self.compact(s, depth) for n, s in val.items()}
                if "property_required_flag" in self.rules:
                    # OpenAPI-2 style `required: true` on a property: move it to the parent's list.
                    flagged = [n for n, s in val.items() if isinstance(s, dict) and s.get("required") is True]
                    if flagged:
                        req = schema.get("required") if isinstance(schema.get("required"), list) else []
                        out["required"] = list(dict.fromkeys([*req, *flagged]))
            elif key == "items":
                out[key] = self.compact(val, depth) if isinstance(val, dict) else {}
            elif key == "required" and "required" in out:
                continue
            elif key == "additionalProperties":
                out[key] = self.compact(val, depth) if isinstance(val, dict) else bool(val)
            elif key in SCHEMA_LIST_KEYS and isinstance(val, list):
                out[key] = [self.compact(s, depth) for s in val]
            elif key == "not":
                out[key] = self.compact(val, depth)
            else:
                out[key] = copy.deepcopy(val)
        return self._fix(out)

    def _fix(self, s: dict[str, Any]) -> dict[str, Any]:
        rules = self.rules
        t = s.get("type")
        if isinstance(t, str) and t not in JSON_TYPES:
            new = self.type_renames.get(t)
            if new:
                s["type"] = new
            else:
                s.pop("type")
            self.stats["type_fixed"] = self.stats.get("type_fixed", 0) + 1
        fmt = s.get("format")
        if isinstance(fmt, str):
            if fmt in self.format_renames:
                s["format"] = self.format_renames[fmt]
            elif fmt in self.format_drop:
                del s["format"]
        req = s.get("required")
        if "required" in s:
            if not isinstance(req, list) and "required_not_list" in rules:
                del s["required"]
            elif isinstance(req, list) and "dedupe_required" in rules:
                dedup = list(dict.fromkeys(r for r in req if isinstance(r, str)))
                if dedup:
                    s["required"] = dedup
                else:
                    del s["required"]
        if "enum" in s and isinstance(s["enum"], list) and "enum_cleanup" in rules:
            enum = []
            for v in s["enum"]:
                if v not in enum:
                    enum.append(v)
            if not enum:
                del s["enum"]
            else:
                s["enum"] = enum
        if "nullable" in s:
            nullable = s.pop("nullable")
            if nullable is True:
                self._make_nullable(s)
        if "deprecated" in s and not isinstance(s["deprecated"], bool):
            del s["deprecated"]
        for k in ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"):
            if k in s and not isinstance(s[k], (int, float)) or isinstance(s.get(k), bool):
                s.pop(k, None)
        for k in ("exclusiveMinimum", "exclusiveMaximum"):
            # OpenAPI 3.0 booleans -> JSON Schema numbers
            if isinstance(s.get(k), bool):
                flag = s.pop(k)
                bound = "minimum" if k == "exclusiveMinimum" else "maximum"
                if flag and bound in s:
                    s[k] = s.pop(bound)
        if "oneOf" in s and "one_of_as_any_of" in rules:
            s["anyOf"] = s.pop("oneOf")
        if "pattern" in s and "pattern_check" in rules:
            try:
                jsonschema_rs.validator_for({"pattern": s["pattern"]})
            except Exception:
                del s["pattern"]
                self.stats["pattern_dropped"] = self.stats.get("pattern_dropped", 0) + 1
        return s

    @staticmethod
    def _make_nullable(s: dict[str, Any]) -> None:
        t = s.get("type")
        if isinstance(t, str):
            s["type"] = [t, "null"]
            if "enum" in s and None not in s["enum"]:
                s["enum"] = [*s["enum"], None]
        elif isinstance(t, list) and "null" not in t:
            s["type"] = [*t, "null"]


# ---------------------------------------------------------------------------------------------
# Patches on the raw documents


def apply_doc_patches(docs: dict[str, Any], patches: dict[str, Any]) -> None:
    for p in patches.get("doc_patches", []):
        doc = docs[p["doc"]]
        parts = [x.replace("~1", "/").replace("~0", "~") for x in p["pointer"].lstrip("/").split("/")]
        parent: Any = doc
        for part in parts[:-1]:
            parent = parent[int(part)] if isinstance(parent, list) else parent[part]
        last = parts[-1]
        if isinstance(parent, list):
            last = int(last)  # type: ignore[assignment]
        op = p["op"]
        if op == "set":
            parent[last] = copy.deepcopy(p["value"])
        elif op == "delete":
            del parent[last]
        elif op == "merge":
            parent[last].update(copy.deepcopy(p["value"]))
        elif op == "copy":
            parent[last] = copy.deepcopy(_pointer(docs[p["from_doc"]], p["from_pointer"]))
        else:
            raise ValueError(f"unknown patch op {op}")
    if any(r["rule"] == "batch_bounds_as_business_errors" for r in patches.get("rules", [])):
        for name in BATCH_CODE_DOCS:
            _drop_batch_bounds(docs[name])


# Documents whose batch operations answer their own error codes for an empty or oversized batch.
BATCH_CODE_DOCS = ("zoom-phone-number-management-openapi.json", "zoom-number-management-ma-api-openapi.json")


def _pointer(doc: Any, pointer: str) -> Any:
    node = doc
    for part in pointer.lstrip("/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _drop_batch_bounds(doc: dict[str, Any]) -> None:
    """Remove minItems/maxItems from the arrays of request bodies and query parameters."""
    for item in doc["paths"].values():
        for method in HTTP_METHODS:
            operation = item.get(method, {})
            schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            arrays = [
                *schema.get("properties", {}).values(),
                *(p.get("schema", {}) for p in operation.get("parameters", []) if p.get("in") == "query"),
            ]
            for array in arrays:
                if isinstance(array, dict) and array.get("type") == "array":
                    array.pop("minItems", None)
                    array.pop("maxItems", None)


# ---------------------------------------------------------------------------------------------
# Operations


def page_limits(params: list[dict[str, Any]], raw_params: list[dict[str, Any]]) -> tuple[int | None, int | None]:
    ps = next((p for p in params if p["name"] == "page_size" and p["location"] == "query"), None)
    if ps is None:
        return None, None
    raw = next((p for p in raw_params if p.get("name") == "page_size"), {})
    desc = raw.get("description") or ""
    sch = ps["schema"]
    d = sch.get("default") if isinstance(sch.get("default"), int) else None
    mx = sch.get("maximum") if isinstance(sch.get("maximum"), int) else None
    if d is None and (m := _DEFAULT_IS.search(desc)):
        d = int(m.group(1))
    if mx is None and (m := _MAX_IS.search(desc)):
        mx = int(m.group(1))
    if mx is None:
        mx = 300
    if d is None:
        d = min(30, mx)
    return d, mx


def extract_operation(
    doc_name: str,
    doc: dict[str, Any],
    path: str,
    method: str,
    path_item: dict[str, Any],
    comp: SchemaCompactor,
    patches: dict[str, Any],
) -> dict[str, Any]:
    op = path_item[method]
    rules = {r["rule"] for r in patches.get("rules", [])}
    raw_params: list[dict[str, Any]] = []
    by_name: dict[tuple[str, str], dict[str, Any]] = {}
    for p in [*path_item.get("parameters", []), *op.get("parameters", [])]:
        if "$ref" in p:
            p = comp._lookup(p["$ref"])
        if p.get("in") not in ("path", "query"):
            continue
        by_name[(p["in"], p["name"])] = p
    raw_params = list(by_name.values())
    template_names = path_params(path)
    params: list[dict[str, Any]] = []
    for p in raw_params:
        if p["in"] == "path" and p["name"] not in template_names:
            continue  # declared but not in the template: unusable
        schema = comp.compact(p.get("schema") or {"type": "string"})
        required = bool(p.get("required", False))
        if p["in"] == "path" and "path_param_required" in rules:
            required = True
        params.append({"name": p["name"], "location": p["in"], "required": required, "schema": schema})
    declared = {p["name"] for p in params if p["location"] == "path"}
    for name in template_names:
        if name not in declared and "synthesise_path_param" in rules:
            params.insert(0, {"name": name, "location": "path", "required": True, "schema": {"type": "string"}})
    # request body
    req_schema = None
    req_ct = None
    req_required = False
    body = op.get("requestBody")
    if isinstance(body, dict):
        if "$ref" in body:
            body = comp._lookup(body["$ref"])
        content = body.get("content") or {}
        for ct in ("application/json", "multipart/form-data", "application/x-www-form-urlencoded"):
            if ct in content:
                req_ct = ct
                req_schema = comp.compact((content[ct] or {}).get("schema") or {})
                break
        else:
            if content:
                req_ct = next(iter(content))
                req_schema = comp.compact((content[req_ct] or {}).get("schema") or {})
        req_required = bool(body.get("required", False)) and req_ct is not None
    # responses
    responses = op.get("responses") or {}
    ok = sorted(int(s) for s in responses if s.isdigit() and 200 <= int(s) < 300)
    success = ok[0] if ok else (204 if method == "delete" else 200)
    resp_schema = None
    resp_ct = None
    if ok:
        content = (responses[str(success)] or {}).get("content") or {}
        if "application/json" in content:
            resp_ct = "application/json"
            sch = (content["application/json"] or {}).get("schema")
            resp_schema = comp.compact(sch) if sch else None
        elif content:
            resp_ct = next(iter(content))
    # scopes
    ext = op.get("x-extensions") or op.get("extensions") or {}
    classic = list(ext.get("x-macro-scopes") or [])
    granular = list(ext.get("x-granular-scopes") or [])
    desc = op.get("description") or ""
    if not classic or not granular:
        dc, dg = scopes_from_description(desc)
        classic = classic or dc
        granular = granular or dg
    classic = [s.strip() for s in classic if s.strip()]  # rule trim_scope_names
    granular = [s.strip() for s in granular if s.strip()]
    names = {p["name"] for p in params if p["location"] == "query"}
    has_token = "next_page_token" in names
    has_number = "page_number" in names
    pagination = "both" if has_token and has_number else "token" if has_token else "page_number" if has_number else None
    d, mx = page_limits(params, raw_params)
    op_id = op.get("operationId") or f"{method}{path}"
    return {
        "operation_id": op_id,
        "method": method.upper(),
        "path": path,
        "summary": (op.get("summary") or "").strip().splitlines()[0] if op.get("summary") else "",
        "parameters": params,
        "request_schema": req_schema,
        "request_content_type": req_ct,
        "request_required": req_required,
        "success_status": success,
        "response_schema": resp_schema,
        "response_content_type": resp_ct,
        "scopes_classic": classic,
        "scopes_granular": granular,
        "rate_label": rate_label(desc),
        "page_size_default": d,
        "page_size_max": mx,
        "pagination": pagination,
        "errors": parse_errors(responses),
    }


def rename_path_params(rec: dict[str, Any], canonical: str) -> None:
    """Give the op the canonical template for its shape, renaming its path parameters."""
    old_names = path_params(rec["path"])
    new_names = path_params(canonical)
    mapping = dict(zip(old_names, new_names, strict=True))
    for p in rec["parameters"]:
        if p["location"] == "path" and p["name"] in mapping:
            p["name"] = mapping[p["name"]]
    rec["path"] = canonical


# ---------------------------------------------------------------------------------------------
# Seed 003 (Ants & Apps) parsing, only for seed-only operations

_ACTION_LINE = re.compile(r"(GET|POST|PUT|PATCH|DELETE)([A-Za-z][A-Za-z0-9]*)$")
_PARAM_LINE = re.compile(r"(?:^|\s)- ([A-Za-z0-9_.]+?)(\*?)(string|integer|boolean|object|array|number)$")


def parse_seed_actions(text: str) -> dict[str, dict[str, Any]]:
    lines = text.splitlines()
    idx = [(i, m) for i, line in enumerate(lines) if (m := _ACTION_LINE.search(line))]
    actions: dict[str, dict[str, Any]] = {}
    prev_end = 0
    for n, (i, m) in enumerate(idx):
        end = idx[n + 1][0] if n + 1 < len(idx) else len(lines)
        desc = "\n".join(lines[prev_end : i + 1])
        scopes: list[str] = []
        for line in desc.splitlines():
            if re.search(r"Scopes?\**\s*:?", line, re.I):
                found = [t for t in _TICKED.findall(line) if _SCOPE_TOKEN.match(t)]
                if found:
                    scopes = list(dict.fromkeys(found))
        params: list[dict[str, Any]] = []
        body: dict[str, dict[str, Any]] = {}
        mode = None
        stop = end
        for j in range(i + 1, end):
            line = lines[j]
            if line.startswith("Request parameters"):
                mode = "params"
                continue
            if line.startswith("Request body"):
                mode = "body"
                continue
            if line.startswith("This action") or mode is None and j > i + 1:
                stop = j
                break
            pm = _PARAM_LINE.search(line)
            if not pm or mode is None:
                continue
            name, star, typ = pm.group(1), pm.group(2) == "*", pm.group(3)
            if mode == "params":
                if not any(p["name"] == name for p in params):
                    params.append({"name": name, "required": star, "type": typ})
            else:
                if name in body:
                    body[name]["required"] = body[name]["required"] or star
                else:
                    body[name] = {"type": typ, "required": star}
        prev_end = stop
        actions[m.group(2)] = {"method": m.group(1), "scopes": scopes, "params": params, "body": body}
    return actions


def seed_type_schema(typ: str) -> dict[str, Any]:
    return {"type": typ} if typ != "array" else {"type": "array", "items": {}}


# ---------------------------------------------------------------------------------------------
# Build


def load_docs(ref_dir: Path) -> dict[str, Any]:
    names = [f for f, *_ in REST_DOCS] + [LEGACY_DOC] + [f for f, _ in WEBHOOK_DOCS]
    return {n: json.loads((ref_dir / n).read_text()) for n in names}


def build(shared: Path) -> dict[str, Any]:
    patches = json.loads(PATCH_FILE.read_text())
    docs = load_docs(shared / "reference" / "zoom-openapi")
    apply_doc_patches(docs, patches)
    seed_map = json.loads((shared / "docs" / "seed-map.json").read_text())
    seed003 = next((shared / "seeds").glob("003_*.txt")).read_text()
    stats: dict[str, int] = {}

    # 1. collect official operations, merging equal method + shape
    ops: dict[tuple[str, str], dict[str, Any]] = {}
    shape_template: dict[str, str] = {}
    for doc_name, product, service, variant in REST_DOCS:
        doc = docs[doc_name]
        comp = SchemaCompactor(doc, patches, stats)
        for path, item in doc["paths"].items():
            for method in HTTP_METHODS:
                if method not in item:
                    continue
                rec = extract_operation(doc_name, doc, path, method, item, comp, patches)
                shape = path_shape(path)
                canonical = shape_template.setdefault(shape, path)
                if canonical != path:
                    rename_path_params(rec, canonical)
                k = (rec["method"], shape)
                if k in ops:
                    base = ops[k]
                    for s in rec["scopes_classic"]:
                        if s not in base["scopes_classic"]:
                            base["scopes_classic"].append(s)
                    for s in rec["scopes_granular"]:
                        if s not in base["scopes_granular"]:
                            base["scopes_granular"].append(s)
                    for e in rec["errors"]:
                        if e not in base["errors"]:
                            base["errors"].append(e)
                    base["docs"].append(doc_name)
                    continue
                is_master = variant == "master"
                rec |= {
                    "product": product,
                    "service": service,
                    "variant": variant,
                    "source": "official",
                    "docs": [doc_name],
                    "seed_names": [],
                }
                rec["_master"] = is_master
                ops[k] = rec

    # 2. legacy-only seed operations
    legacy = docs[LEGACY_DOC]
    lcomp = SchemaCompactor(legacy, patches, stats)
    for row in seed_map:
        if row["kind"] != "operation" or row["match"] != "legacy-only":
            continue
        lp = row["legacy"]["path"]
        method = row["method"].lower()
        rec = extract_operation(LEGACY_DOC, legacy, lp, method, legacy["paths"][lp], lcomp, patches)
        shape = path_shape(lp)
        canonical = shape_template.setdefault(shape, lp)
        if canonical != lp:
            rename_path_params(rec, canonical)
        rec |= {
            "product": "meetings",
            "service": "zoom-meetings",
            "variant": "account",
            "source": "legacy",
            "docs": [LEGACY_DOC],
            "seed_names": [],
            "_master": False,
        }
        ops[(rec["method"], shape)] = rec

    # 3. seed-only operations
    actions = parse_seed_actions(seed003)
    supplements = patches.get("supplements", {})
    for row in seed_map:
        if row["kind"] != "operation" or row["match"] != "none":
            continue
        name = row["seed_name"]
        act = actions[name]
        sup = supplements.get(name, {})
        path = row["path"]
        shape = path_shape(path)
        canonical = shape_template.setdefault(shape, path)
        params = []
        tmpl = path_params(path)
        for p in act["params"]:
            loc = "path" if p["name"] in tmpl else "query"
            params.append(
                {
                    "name": p["name"],
                    "location": loc,
                    "required": p["required"] or loc == "path",
                    "schema": seed_type_schema(p["type"]),
                }
            )
        for n in tmpl:
            if not any(p["name"] == n and p["location"] == "path" for p in params):
                params.insert(0, {"name": n, "location": "path", "required": True, "schema": {"type": "string"}})
        req_schema = None
        if act["body"]:
            req_schema = {
                "type": "object",
                "properties": {k: seed_type_schema(v["type"]) for k, v in act["body"].items()},
            }
            req = [k for k, v in act["body"].items() if v["required"]]
            if req:
                req_schema["required"] = req
        if "request_schema" in sup:
            req_schema = sup["request_schema"]
        if "request_like" in sup:
            m_, p_ = sup["request_like"]
            req_schema = copy.deepcopy(ops[(m_, path_shape(p_))]["request_schema"])
        resp_schema = sup.get("response_schema")
        if "response_like" in sup:
            m_, p_ = sup["response_like"]
            resp_schema = copy.deepcopy(ops[(m_, path_shape(p_))]["response_schema"])
        spec_product = DOC_PRODUCT.get(row["spec_file"], "meetings")
        product = sup.get("product", spec_product)
        rec = {
            "operation_id": name,
            "method": row["method"],
            "path": path,
            "summary": sup.get("summary", ""),
            "parameters": params,
            "request_schema": req_schema,
            "request_content_type": "application/json" if req_schema else None,
            "request_required": bool(req_schema and req_schema.get("required")),
            "success_status": sup.get("success_status", 204 if row["method"] in ("PATCH", "PUT", "DELETE") else 200),
            "response_schema": resp_schema,
            "response_content_type": "application/json" if resp_schema else None,
            "scopes_classic": act["scopes"],
            "scopes_granular": [],
            "rate_label": sup.get("rate_label"),
            "pagination": None,
            "errors": [],
            "product": product,
            "service": PRODUCT_SERVICE[product],
            "variant": sup.get("variant", "master" if path.startswith("/accounts/{accountId}/") else "account"),
            "source": "seed",
            "docs": [],
            "seed_names": [],
            "_master": False,
        }
        if canonical != path:
            rename_path_params(rec, canonical)
        names = {p["name"] for p in params if p["location"] == "query"}
        tok, num = "next_page_token" in names, "page_number" in names
        rec["pagination"] = "both" if tok and num else "token" if tok else "page_number" if num else None
        rec["page_size_default"], rec["page_size_max"] = page_limits(params, [])
        k = (rec["method"], shape)
        if k in ops:
            raise SystemExit(f"seed-only op {name} collides with {ops[k]['operation_id']}")
        ops[k] = rec

    # 4. mark seeds
    missing: list[str] = []
    for row in seed_map:
        if row["kind"] != "operation":
            continue
        path = row.get("official_path") or row["path"]
        if row["match"] == "legacy-only":
            path = row["legacy"]["path"]
        k = (row["method"], path_shape(path))
        if k not in ops:
            missing.append(f"{row['seed_name']} {k}")
            continue
        if row["seed_name"] not in ops[k]["seed_names"]:
            ops[k]["seed_names"].append(row["seed_name"])
        if row.get("mcp_method") and "mcp_method" not in ops[k]:
            ops[k]["mcp_method"] = row["mcp_method"]
    if missing:
        raise SystemExit("seed operations not found: " + "; ".join(missing))

    # 5. keys
    account_ids = {r["operation_id"] for r in ops.values() if not r["_master"]}
    keys: set[str] = set()
    out_ops = []
    for (method, _shape), r in ops.items():
        key = r["operation_id"]
        if r["_master"] and key in account_ids:
            key += "@master"
        while key in keys:
            key += "@" + method.lower()
        keys.add(key)
        r["key"] = key
        r.setdefault("mcp_method", mcp_method_name(r["operation_id"]))
        r["rate_label"] = r["rate_label"] or "Light"
        r["seed"] = bool(r["seed_names"])
        r.pop("_master")
        out_ops.append(r)
    out_ops.sort(key=lambda r: (r["product"], r["path"], r["method"], r["key"]))

    # 6. events
    seed_events = {r["seed_name"] for r in seed_map if r["kind"] == "event"}
    events: dict[str, dict[str, Any]] = {}
    for doc_name, product in WEBHOOK_DOCS:
        doc = docs[doc_name]
        comp = SchemaCompactor(doc, patches, stats)
        for name, item in doc.get("webhooks", {}).items():
            post = item.get("post") or {}
            body = post.get("requestBody") or {}
            schema = ((body.get("content") or {}).get("application/json") or {}).get("schema") or {}
            desc = (body.get("description") or "") + "\n" + (post.get("description") or "")
            classic, granular = scopes_from_description(desc)
            if name in events:
                stats["duplicate_event"] = stats.get("duplicate_event", 0) + 1
                continue
            compact = comp.compact(schema)
            stamp = (compact.get("properties") or {}).get("event_ts")
            if stamp is not None and stamp.get("type") != "integer":  # rule event_ts_is_int64
                compact["properties"]["event_ts"] = {"type": "integer", "format": "int64"}
                stats["event_ts_fixed"] = stats.get("event_ts_fixed", 0) + 1
            events[name] = {
                "name": name,
                "product": product,
                "schema": compact,
                "scopes": classic + [g for g in granular if g not in classic],
                "seed": name in seed_events,
            }
    missing_events = seed_events - set(events)
    if missing_events:
        raise SystemExit(f"seed events not found: {sorted(missing_events)}")

    # 7. validate every schema
    bad = []
    for r in out_ops:
        for label, sch in [
            ("request", r["request_schema"]),
            ("response", r["response_schema"]),
            *[(f"param {p['name']}", p["schema"]) for p in r["parameters"]],
        ]:
            if sch is None:
                continue
            try:
                jsonschema_rs.validator_for(sch)
            except Exception as exc:  # noqa: BLE001
                bad.append(f"{r['key']} {label}: {str(exc).splitlines()[0]}")
    for e in events.values():
        try:
            jsonschema_rs.validator_for(e["schema"])
        except Exception as exc:  # noqa: BLE001
            bad.append(f"event {e['name']}: {str(exc).splitlines()[0]}")
    if bad:
        raise SystemExit("invalid schemas:\n  " + "\n  ".join(bad[:50]) + f"\n  ({len(bad)} total)")

    for r in out_ops:
        r["errors"] = [list(e) for e in r["errors"]]
    return {
        "generated_by": GENERATED_BY,
        "builder_hash": builder_hash(),
        "notes": "Generated file: do not edit. Rebuild with `python tools/build_catalog.py`.",
        "stats": stats,
        "operations": out_ops,
        "events": sorted(events.values(), key=lambda e: e["name"]),
    }


def inputs_hash(shared: Path) -> str:
    """sha256 over every input document, so the output says what it was built from."""
    h = hashlib.sha256()
    paths = sorted((shared / "reference" / "zoom-openapi").glob("*.json"))
    paths += [shared / "docs" / "seed-map.json", next((shared / "seeds").glob("003_*.txt"))]
    for path in paths:
        h.update(path.name.encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def render(cat: dict[str, Any]) -> bytes:
    """The file's bytes, sealed with ``content_hash``: the sha256 of the file as written with the
    hash zeroed, so a hand edit of the committed catalogue is caught without the inputs."""
    cat = {**cat, "content_hash": ZERO_HASH}
    text = json.dumps(cat, separators=(",", ":"), sort_keys=False, ensure_ascii=False).encode()
    return text.replace(ZERO_HASH.encode(), hashlib.sha256(text).hexdigest().encode(), 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument(
        "--check", action="store_true", help="rebuild in memory and fail if the committed catalogue differs (CI)"
    )
    args = ap.parse_args(argv)
    shared = args.shared.resolve()
    cat = build(shared)
    cat["inputs_hash"] = inputs_hash(shared)
    data = render(cat)
    if args.check:
        if OUT_FILE.read_bytes() != data:
            print(f"{OUT_FILE.relative_to(REPO)} is stale or was edited by hand: run python tools/build_catalog.py")
            return 1
        print(f"{OUT_FILE.relative_to(REPO)} matches a rebuild from {shared}")
        return 0
    OUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    OUT_FILE.write_bytes(data)
    counts: dict[str, int] = {}
    for r in cat["operations"]:
        counts[r["product"]] = counts.get(r["product"], 0) + 1
    print(
        f"wrote {OUT_FILE.relative_to(REPO)}: {len(cat['operations'])} operations {counts}, "
        f"{len(cat['events'])} events, {OUT_FILE.stat().st_size} bytes; stats {cat['stats']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
