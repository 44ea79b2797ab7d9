"""No input makes zemu answer 5xx: schemathesis over zemu's own /v2/openapi.json.

Every implemented operation gets a few generated requests, seeded (derandomized) so that a run
is reproducible: invalid ones (negative mode) with made-up ids, and valid ones (positive mode)
addressed to the demo account's real resources, so that they reach the handlers rather than
stopping at a 404. One server on SQLite, its own, since the requests change its state.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402  (only with schemathesis)
from schemathesis import GenerationMode  # noqa: E402

from zemu.testing import ZemuServer, zemu_server  # noqa: E402

EXAMPLES = 2  # random valid requests per operation
BOUNDARY_CASES = 30  # schemathesis's edge values per operation (~7,000 requests in all)

# where a real id of each kind is found: (list path, the list's key)
REAL_IDS = {
    "groupId": ("/groups", "groups"),
    "callQueueId": ("/phone/call_queues", "call_queues"),
    "autoReceptionistId": ("/phone/auto_receptionists", "auto_receptionists"),
    "roleId": ("/roles", "roles"),
    "phoneNumberId": ("/phone/numbers", "phone_numbers"),
    "commonAreaId": ("/phone/common_areas", "common_areas"),
    "siteId": ("/phone/sites", "sites"),
    "slgId": ("/phone/shared_line_groups", "shared_line_groups"),
    "sharedLineGroupId": ("/phone/shared_line_groups", "shared_line_groups"),
    "deviceId": ("/phone/devices?type=assigned", "devices"),
}


@pytest.fixture(scope="module")
def server() -> Iterator[ZemuServer]:
    with zemu_server() as running:
        yield running


def real_ids(server: ZemuServer) -> dict[str, str]:
    ids = {"accountId": "me", "userId": "me"}
    for name, (path, key) in REAL_IDS.items():
        items = server.api.get(path).json().get(key) or []
        if items and items[0].get("id"):
            ids[name] = items[0]["id"]
    return ids


def implemented_only(document: dict[str, Any]) -> dict[str, Any]:
    for methods in document["paths"].values():
        for method in [m for m, op in methods.items() if not op["x-zemu-implemented"]]:
            del methods[method]
    document["paths"] = {path: methods for path, methods in document["paths"].items() if methods}
    return document


@pytest.fixture(scope="module")
def operations(server: ZemuServer) -> list[Any]:
    document = server.control.get("/v2/openapi.json").json()
    schema = schemathesis.openapi.from_dict(implemented_only(document))
    found = [result.ok() for result in schema.get_all_operations()]
    assert len(found) > 200
    return found


def test_schemathesis_finds_no_5xx_on_any_implemented_operation(server: ZemuServer, operations: list[Any]) -> None:
    logging.getLogger("zemu.api").setLevel(logging.CRITICAL)  # the failures are reported below
    headers = {"Authorization": f"Bearer {server.token()}"}
    known = real_ids(server)
    base_url = f"{server.url}/v2"
    failures: list[str] = []
    for operation in operations:
        failures += boundaries(operation, known, base_url, headers)
        if operation.method.upper() != "DELETE":  # deleting real resources would starve the rest
            addressed = {p.name: known[p.name] for p in operation.path_parameters if p.name in known}
            strategy = operation.as_strategy(GenerationMode.POSITIVE, path_parameters=addressed or None)
            failures += fuzz(strategy, base_url, headers)
    assert not failures, "\n".join(failures)


def boundaries(operation: Any, known: dict[str, str], base_url: str, headers: dict[str, str]) -> list[str]:
    """schemathesis's coverage phase: deterministic edge values, valid and invalid, for every
    parameter and body field (the first BOUNDARY_CASES of them); valid ones at real resources."""
    schema = operation.schema
    cases = schema.iter_coverage_cases(
        operation,
        generation_modes=list(GenerationMode),
        generation_config=schema.config.generation_for(operation=operation),
    )
    found: list[str] = []
    for case in itertools.islice(cases, BOUNDARY_CASES):
        if case.method.upper() != operation.method.upper():
            continue  # a probe of another method at this path is another operation
        if case.method.upper() != "DELETE" and case.path_parameters:
            case.path_parameters.update({k: known[k] for k in case.path_parameters if k in known})
        found += check(case, base_url, headers)
    return found


def check(case: Any, base_url: str, headers: dict[str, str]) -> list[str]:
    response = case.call(base_url=base_url, headers=headers)
    if response.status_code >= 500:
        return [f"{response.status_code} {case.as_curl_command()[:800]} -> {response.text[:400]}"]
    return []


def fuzz(strategy: Any, base_url: str, headers: dict[str, str]) -> list[str]:
    found: list[str] = []

    @given(strategy)
    @settings(
        max_examples=EXAMPLES, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck)
    )
    def send(case: Any) -> None:
        found.extend(check(case, base_url, headers))

    send()
    return found


def test_hostile_inputs_to_every_implemented_operation_get_no_5xx(server: ZemuServer, operations: list[Any]) -> None:
    """The classes of input that once answered 500, sent to every operation that could meet them:
    an empty body, a backslash as every id, and page numbers that are no page numbers."""
    logging.getLogger("zemu.api").setLevel(logging.CRITICAL)
    known = real_ids(server)
    failures: list[str] = []
    for operation in operations:
        method, names = operation.method.upper(), [p.name for p in operation.path_parameters]
        real = {n: known.get(n, "x") for n in names}
        probes: list[tuple[dict[str, str], dict[str, str], bytes | None]] = [({n: "\\" for n in names}, {}, None)]
        if operation.body:
            probes.append((real, {}, b""))
        if any(p.name == "page_number" for p in operation.query):
            probes += [(real, {"page_number": bad}, None) for bad in ("abc", "1.5", "\u00b2", "1" * 23)]
        for path_values, query, body in probes:
            path = operation.path
            for name, value in path_values.items():
                path = path.replace("{" + name + "}", quote(value, safe=""))
            answer = server.api.request(
                method,
                path,
                params=query,
                content=body,
                headers={"content-type": "application/json"} if body is not None else {},
            )
            if answer.status_code >= 500 and answer.json().get("code") != 501:
                failures.append(f"{answer.status_code} {method} {path} {query} {body!r} -> {answer.text[:200]}")
    assert not failures, "\n".join(failures)
