"""The generated catalogue: completeness against the seeds and documents, schema validity, freshness."""

from __future__ import annotations

import hashlib
import re
import sys
import time
from collections import Counter
from pathlib import Path

import jsonschema_rs
import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO / "src") not in sys.path:  # until the package is installed / a conftest sets the path
    sys.path.insert(0, str(REPO / "src"))

from zemu.catalog import Catalog, Event, Operation, Param, load_catalog  # noqa: E402
from zemu.catalog.loader import DATA_FILE, current_builder_hash, parse_catalog  # noqa: E402


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog()


def op_at(cat: Catalog, method: str, path: str) -> Operation:
    shape = re.sub(r"\{[^}]+\}", "{}", path)
    found = [o for o in cat.operations if o.method == method and re.sub(r"\{[^}]+\}", "{}", o.path) == shape]
    assert len(found) == 1, (method, path, found)
    return found[0]


def test_catalogue_parses_in_well_under_a_second() -> None:
    data = DATA_FILE.read_bytes()
    # the parse's own CPU time: the suite's other worker and other work on the machine share the
    # cores, so the wall clock would measure them too
    start = time.thread_time()
    parsed = parse_catalog(data)
    assert time.thread_time() - start < 1.0
    assert len(parsed.operations) > 1000


def test_load_catalog_is_cached(cat: Catalog) -> None:
    assert load_catalog() is cat


def test_data_file_says_which_tool_made_it(cat: Catalog) -> None:
    assert cat.generated_by == "tools/build_catalog.py"


def test_committed_catalogue_is_not_stale(cat: Catalog) -> None:
    assert cat.builder_hash == current_builder_hash(REPO), "run: python tools/build_catalog.py"


def _seal_holds(data: bytes) -> bool:
    """The builder's seal: sha256 of the file with its own ``content_hash`` zeroed."""
    sealed = re.search(rb'"content_hash":"([0-9a-f]{64})"', data)
    assert sealed is not None, "the catalogue carries no content_hash: rebuild it"
    zeroed = data.replace(sealed.group(1), b"0" * 64, 1)
    return hashlib.sha256(zeroed).hexdigest().encode() == sealed.group(1)


def test_committed_catalogue_was_not_edited_by_hand() -> None:
    assert _seal_holds(DATA_FILE.read_bytes()), "the catalogue was edited by hand: run python tools/build_catalog.py"


def test_a_hand_edit_breaks_the_seal() -> None:
    data = DATA_FILE.read_bytes()
    edited = data.replace(b'"operation_id":"accounts"', b'"operation_id":"accountz"', 1)
    assert edited != data
    assert not _seal_holds(edited)


def test_official_operation_counts_per_product_match_the_documents(cat: Catalog) -> None:
    official = Counter(o.product for o in cat.operations if o.source == "official")
    # unique method + path shape over each product's REST (+ master-account) documents
    assert official == {
        "phone": 391,
        "number_management": 56,  # 28 account-level + 28 master-account
        "users": 119,  # 71 + 48 master
        "accounts": 107,  # 59 + 59 master, 11 shared paths merged
        "marketplace": 28,  # 27 + 1 master
        "meetings": 184,
        "team_chat": 107,
        "rooms": 173,  # 119 + 54 master
    }
    assert Counter(o.source for o in cat.operations) == {"official": 1165, "legacy": 4, "seed": 29}


def test_event_counts_per_product(cat: Catalog) -> None:
    assert Counter(e.product for e in cat.events.values()) == {
        "meetings": 105,
        "phone": 71,
        "team_chat": 54,
        "rooms": 32,
        "users": 21,
        "accounts": 10,
        "marketplace": 2,
        "number_management": 2,
    }
    assert all(isinstance(e, Event) for e in cat.events.values())


def test_keys_are_unique_and_indexes_agree(cat: Catalog) -> None:
    assert len(cat.by_key) == len(cat.operations)
    assert sum(len(v) for v in cat.by_operation_id.values()) == len(cat.operations)
    shapes = Counter((o.method, re.sub(r"\{[^}]+\}", "{}", o.path)) for o in cat.operations)
    assert max(shapes.values()) == 1


def test_one_template_per_path_shape(cat: Catalog) -> None:
    templates: dict[str, set[str]] = {}
    for o in cat.operations:
        templates.setdefault(re.sub(r"\{[^}]+\}", "{}", o.path), set()).add(o.path)
    assert all(len(t) == 1 for t in templates.values())


def test_path_parameters_match_templates(cat: Catalog) -> None:
    for o in cat.operations:
        names = re.findall(r"\{([^}]+)\}", o.path)
        assert {p.name for p in o.path_params} == set(names), o.key
        assert all(p.required for p in o.path_params), o.key
        assert all(isinstance(p, Param) for p in o.parameters)


def test_seed_operation_count(cat: Catalog) -> None:
    names = [n for o in cat.operations for n in o.seed_names]
    # 382 seed operations + 28 account-level Number Management counterparts
    assert len(names) == 410
    assert all(o.seed == bool(o.seed_names) for o in cat.operations)


@pytest.mark.parametrize(
    ("method", "path", "seed_name"),
    [
        ("GET", "/phone/call_queues", "list_call_queues"),
        ("GET", "/phone/call_queues", "ListCallQueues"),
        ("GET", "/accounts/{accountId}", "Account"),
        ("GET", "/chat/users/{userId}/channels", "GetChannels"),
        ("GET", "/sip_phones", "ListSipPhones"),
        ("DELETE", "/sip_phones/{phoneId}", "DeleteSIPPhone"),
        ("PATCH", "/rooms/locations/structure", "UpdateZoomRoomsLocationStructure"),
        ("GET", "/accounts/{accountId}/number_management/numbers", "List phone numbers"),
        ("GET", "/number_management/numbers", "List phone numbers"),
        ("PATCH", "/accounts/{accountId}/plans/base/status", "AccountPlanBaseDelete"),
        ("GET", "/sip_trunk/numbers", "ListSipTrunkNumbers"),
    ],
)
def test_seed_operations_are_at_their_real_path(cat: Catalog, method: str, path: str, seed_name: str) -> None:
    op = op_at(cat, method, path)
    assert op.seed and seed_name in op.seed_names


def test_seed_only_billing_operation(cat: Catalog) -> None:
    op = op_at(cat, "GET", "/accounts/{accountId}/billing")
    assert (op.key, op.operation_id, op.source, op.variant) == ("AccountBilling", "AccountBilling", "seed", "master")
    assert op.product == "accounts" and op.service == "zoom-accounts"
    assert op.scopes_classic == ("billing:master",)
    assert op.response_schema and "first_name" in op.response_schema["properties"]
    assert cat.by_key["AccountBilling"] is op


def test_legacy_operations_come_from_the_2023_document(cat: Catalog) -> None:
    legacy = {o.operation_id for o in cat.operations if o.source == "legacy"}
    assert legacy == {"listSipPhones", "createSIPPhone", "updateSIPPhone", "deleteSIPPhone"}


def test_call_queue_list_limits_and_label(cat: Catalog) -> None:
    op = cat.by_key["listCallQueues"]
    assert (op.page_size_default, op.page_size_max, op.pagination) == (30, 100, "token")
    assert op.rate_label == "Medium"
    assert op.mcp_method == "list_call_queues"
    assert "phone:read:list_call_queues:admin" in op.scopes_granular


def test_users_list_has_both_pagination_styles(cat: Catalog) -> None:
    op = op_at(cat, "GET", "/users")
    assert (op.pagination, op.page_size_default, op.page_size_max) == ("both", 30, 2000)


def test_description_page_limits_and_defaults(cat: Catalog) -> None:
    assert (op_at(cat, "GET", "/contacts").page_size_default, op_at(cat, "GET", "/contacts").page_size_max) == (1, 25)
    fax = op_at(cat, "GET", "/phone/fax/logs")  # limits only stated in the description
    assert (fax.page_size_default, fax.page_size_max) == (30, 300)
    nm = op_at(cat, "GET", "/number_management/numbers")
    assert (nm.page_size_default, nm.page_size_max) == (30, 200)
    assert op_at(cat, "GET", "/phone/sites/{siteId}").page_size_max is None


def test_sub_account_details_scopes(cat: Catalog) -> None:
    op = op_at(cat, "GET", "/accounts/{accountId}")
    assert op.operation_id == "GetSubAccountDetails" and op.variant == "master"
    assert "account:read:sub_account:master" in op.scopes_granular
    assert "account:master" in op.scopes_classic


def test_shared_path_merges_documents_and_unions_scopes(cat: Catalog) -> None:
    op = op_at(cat, "GET", "/accounts/{accountId}/settings")
    assert len(op.docs) == 2
    assert {"account:read:settings:admin", "account:read:settings:master"} <= set(op.scopes_granular)


def test_master_variants_share_operation_id(cat: Catalog) -> None:
    variants = cat.by_operation_id["listPhoneNumbers"]
    assert {(o.variant, o.path) for o in variants} == {
        ("account", "/number_management/numbers"),
        ("master", "/accounts/{accountId}/number_management/numbers"),
    }
    assert {o.key for o in variants} == {"listPhoneNumbers", "listPhoneNumbers@master"}
    users = {o.variant: o for o in cat.by_operation_id["users"]}
    assert users["master"].path == "/accounts/{accountId}/users" and users["account"].path == "/users"


def test_rate_labels_are_canonical(cat: Catalog) -> None:
    assert {o.rate_label for o in cat.operations} <= {"Light", "Medium", "Heavy", "Resource-intensive"}
    # the one seed operation without a label in its document is Light
    assert op_at(cat, "GET", "/phone/metrics/call_logs/{callId}").rate_label == "Light"


def test_documented_errors_are_parsed(cat: Catalog) -> None:
    op = op_at(cat, "GET", "/accounts/{accountId}")
    assert any((e.http_status, e.code) == (404, 2001) for e in op.errors)
    nm = [e for o in cat.operations if o.product == "number_management" for e in o.errors]
    assert any(e.code == 1002010 for e in nm)  # written `1002_010` in the document


def test_success_statuses(cat: Catalog) -> None:
    assert op_at(cat, "DELETE", "/phone/call_queues/{callQueueId}").success_status == 204
    assert op_at(cat, "POST", "/users").success_status == 201
    assert all(200 <= o.success_status < 300 for o in cat.operations)


def test_nullable_is_converted(cat: Catalog) -> None:
    def walk(node: object) -> bool:
        if isinstance(node, dict):
            return "nullable" in node or any(walk(v) for v in node.values())
        if isinstance(node, list):
            return any(walk(v) for v in node)
        return False

    assert not any(walk(o.response_schema) or walk(o.request_schema) for o in cat.operations)


def test_seed_events_exist(cat: Catalog) -> None:
    seeded = [e for e in cat.events.values() if e.seed]
    assert len(seeded) == 91
    assert cat.events["phone.callee_ringing"].seed and cat.events["user.settings_updated"].seed
    assert not cat.events["phone.route_group_status_changed"].seed
    assert "user:read:admin" in cat.events["user.created"].scopes


def test_settings_event_refs_are_inlined(cat: Catalog) -> None:
    schema = cat.events["account.lock_settings_updated"].schema
    settings = schema["properties"]["payload"]["properties"]["object"]["properties"]["settings"]["properties"]
    assert settings["in_meeting"].get("properties")
    assert "$ref" not in str(schema)


def test_default_values_are_kept(cat: Catalog) -> None:
    status = next(p for p in cat.by_key["users"].parameters if p.name == "status")
    assert status.schema["default"] == "active"


def _all_schemas(cat: Catalog):
    for o in cat.operations:
        for label, schema in (("request", o.request_schema), ("response", o.response_schema)):
            if schema is not None:
                yield f"{o.key} {label}", schema
        for p in o.parameters:
            yield f"{o.key} param {p.name}", p.schema
    for e in cat.events.values():
        yield f"event {e.name}", e.schema


def test_every_schema_compiles(cat: Catalog) -> None:
    failures = []
    count = 0
    for label, schema in _all_schemas(cat):
        count += 1
        try:
            jsonschema_rs.validator_for(schema)
        except Exception as exc:  # noqa: BLE001 - report every failing schema at once
            failures.append(f"{label}: {exc}")
    assert count > 4000
    assert not failures, failures[:10]


def test_schemas_keep_structure_not_prose(cat: Catalog) -> None:
    text = str(cat.by_key["listCallQueues"].response_schema)
    assert "description" not in text and "example" not in text
    assert "call_queues" in text
