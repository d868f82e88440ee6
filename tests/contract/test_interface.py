# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The contract of CloudflareAPI, run against every backend over loopback HTTP to the simulator.

Every test here speaks the interface only: records as Record, settings in option terms,
Outcomes. Where backends legitimately differ, the test asks the backend's Capabilities (a
feature it lacks must raise NotSupportedError before any call; a batch backend applies a plan
all or nothing), never the backend's name. A new backend is one more branch of ``backend``
(and of ``Backend`` where the simulator's own view is read), nothing else.
"""

from __future__ import annotations

import dataclasses

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._access_rules import (
    AccessRule,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._api import (
    APPLIED,
    FAILED,
    FEATURES,
    NOT_ATTEMPTED,
    CloudflareAPI,
    WriteOptions,
    ZoneSettings,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    AuthError,
    CloudflareError,
    DailyLimitError,
    NotSupportedError,
    RecordNotFoundError,
    ValidationError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._record import (
    EMPTY_ATTRIBUTES,
    Operation,
    Record,
    plan_record,
    read_record,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._settings import (
    BY_OPTION,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.api import V4API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v4.client import (
    V4Client,
)
from ansible_collections.edgeops.cloudflare.tests.contract.simulator import (
    SEED_EMAIL,
    SEED_KEY,
    SEED_TOKEN,
)

ZONE = "example.com"
OTHER_ZONE = "example.org"
# A zone of another account of the simulator's default seed.
FOREIGN_ZONE = "example.net"
ZONE_KEYS = {
    "name",
    "id",
    "status",
    "development_mode",
    "type",
    "plan",
    "name_servers",
    "original_name_servers",
    "hosting_partner",
}
STATS_KEYS = {
    "interval",
    "start",
    "end",
    "pageviews",
    "uniques",
    "requests",
    "bandwidth",
    "pro_zone",
    "page_load_time",
}


@dataclasses.dataclass
class Backend:
    """One backend under test: its API, and how to see what the simulator holds (to check writes)."""

    api: CloudflareAPI
    simulator: object
    secrets: tuple
    connect: object

    def server_calls(self) -> int:
        """Every call the simulator received since its reset (both faces)."""
        return self.simulator.stats()["total"]

    def access_rules(self, kind: str) -> list:
        """The IP access rules the simulator holds for the account or for ZONE (v4's rules)."""
        account = self.simulator.state()["accounts"][0]
        if kind == "account":
            return account.get("account_access_rules") or []
        zone = next(zone for zone in account["zones"] if zone["name"] == ZONE)
        return zone.get("access_rules") or []

    def ip_rules(self) -> dict:
        """The account's IP access modes as the simulator holds them, in option terms."""
        modes = {"WL": "whitelist", "BAN": "blacklist"}
        rules = self.simulator.state()["accounts"][0].get("ip_rules") or {}
        return {address: modes[code] for address, code in rules.items()}


@pytest.fixture(params=["v1", "v4"])
def backend(request, simulator, clock):
    """Each backend against the freshly reset simulator, with the default seed's credentials.

    ``connect(secret)`` builds the backend again with another key (v1) or token (v4).
    """
    if request.param == "v1":

        def connect(secret=SEED_KEY):
            return V1API(
                V1Client(
                    SEED_EMAIL,
                    secret,
                    api_url=simulator.url,
                    clock=clock,
                    sleep=clock.sleep,
                )
            )

        secrets = (SEED_KEY, SEED_EMAIL)
    elif request.param == "v4":

        def connect(secret=SEED_TOKEN):
            return V4API(
                V4Client(
                    api_token=secret,
                    api_url=simulator.base + "/client/v4",
                    clock=clock,
                    sleep=clock.sleep,
                )
            )

        secrets = (SEED_TOKEN,)
    else:  # pragma: no cover - one branch per backend
        raise AssertionError(f"no backend {request.param}")
    api = connect()
    yield Backend(api, simulator, secrets, connect)
    api.close()


def lacks(api, feature: str, call) -> bool:
    """When the backend lacks ``feature``: check that ``require`` and ``call`` refuse it before any call."""
    if feature in api.capabilities.features:
        return False
    before = api.api_calls
    with pytest.raises(NotSupportedError):
        api.require(feature)
    with pytest.raises(NotSupportedError):
        call()
    assert api.api_calls == before
    return True


def without_id(record: Record) -> Record:
    return dataclasses.replace(record, id=None)


def as_read(api, record: Record) -> Record:
    """``record`` as the backend reads it back: the attributes it has and the record leaves out, empty."""
    return dataclasses.replace(
        record,
        **{
            attribute: EMPTY_ATTRIBUTES[attribute]
            for attribute in api.capabilities.record_attributes
            if getattr(record, attribute) is None
        },
    )


def proxied_ttl(api, ttl: int) -> int:
    """The TTL a proxied record given ``ttl`` ends up with on the backend."""
    return api.capabilities.proxied_ttl or ttl


# --- the call report, the secrets, require ---------------------------------------------------------


def test_api_calls_count_every_call_the_server_received(backend):
    api = backend.api
    assert (api.api_calls, api.rate_limited_calls, api.rate_limit_waits()) == (
        0,
        0,
        {"count": 0, "seconds": 0.0},
    )
    api.list_zones()
    api.load_records(ZONE)
    api.zone_id(ZONE)
    assert api.api_calls == backend.server_calls() >= 2


def test_require_passes_the_features_the_backend_has_and_refuses_the_others(backend):
    api = backend.api
    assert set(api.capabilities.features) <= set(FEATURES)
    for feature in api.capabilities.features:
        api.require(feature)
    with pytest.raises(NotSupportedError) as caught:
        api.require("teleportation")
    assert (
        caught.value.msg
        == f"teleportation is not supported by API {api.capabilities.api}"
    )
    for feature, advice in api.capabilities.advice.items():
        with pytest.raises(NotSupportedError) as caught:
            api.require(feature)
        assert caught.value.msg.endswith(f": {advice}")
    assert api.api_calls == 0


def test_scrub_masks_the_credentials(backend):
    text = backend.api.scrub(" ".join(f"<{secret}>" for secret in backend.secrets))
    for secret in backend.secrets:
        assert secret not in text


def test_refused_credentials_are_an_auth_error_without_the_secrets(backend):
    wrong = "0" * len(backend.secrets[0])
    with backend.connect(wrong) as api:
        with pytest.raises(AuthError) as caught:
            api.list_zones()
        for text in (
            api.scrub(caught.value.msg),
            api.scrub(str(caught.value.details())),
        ):
            assert wrong not in text
            assert not any(secret in text for secret in backend.secrets)


def test_the_capabilities_describe_records_the_backend_takes(backend):
    caps = backend.api.capabilities
    assert set(caps.proxiable_types) <= set(caps.record_types)
    assert 1 < caps.ttl_min <= caps.ttl_max
    assert caps.batch_limit is None or caps.batch_limit >= 1
    assert set(caps.settings) <= set(BY_OPTION)


# --- zones -------------------------------------------------------------------------------------------


def test_list_zones_gives_the_accounts_zones_sorted_and_normalised(backend):
    zones = backend.api.list_zones()
    assert [zone["name"] for zone in zones] == [ZONE, OTHER_ZONE]
    for zone in zones:
        assert set(zone) == ZONE_KEYS
        assert zone["status"] == "active"


def test_find_zone_and_zone_id_agree_with_the_list(backend):
    api = backend.api
    listed = {zone["name"]: zone for zone in api.list_zones()}
    assert api.find_zone(ZONE) == listed[ZONE]
    assert api.zone_id(OTHER_ZONE) == listed[OTHER_ZONE]["id"]


@pytest.mark.parametrize(
    "lookup",
    [CloudflareAPI.find_zone, CloudflareAPI.zone_id],
    ids=["find_zone", "zone_id"],
)
def test_a_zone_of_another_account_is_not_found(backend, lookup):
    api = backend.api
    with pytest.raises(ZoneNotFoundError) as caught:
        getattr(api, lookup.__name__)(FOREIGN_ZONE)
    assert caught.value.msg == f"Zone {FOREIGN_ZONE} was not found in the account"
    assert caught.value.details()["zone"] == FOREIGN_ZONE


# --- records -----------------------------------------------------------------------------------------


def test_load_records_gives_normalised_records_with_ids(backend):
    records = backend.api.load_records(ZONE)
    assert len({record.id for record in records}) == len(records) >= 8
    sub = next(record for record in records if record.name == "sub.example.com")
    assert without_id(sub) == as_read(
        backend.api,
        Record("sub.example.com", "A", "203.0.113.20", ttl=1, proxied=False),
    )
    srv = next(record for record in records if record.type == "SRV")
    assert (srv.name, srv.content, srv.priority) == (
        "_sip._tcp.example.com",
        "5 5060 sip.example.com",
        10,
    )
    assert all(
        record.type in backend.api.capabilities.record_types for record in records
    )


@pytest.mark.parametrize(
    "name, rtype",
    [
        ("example.com", None),
        ("example.com", "MX"),
        (None, "TXT"),
        ("_sip._tcp.example.com", "SRV"),
        ("nothing.example.com", None),
    ],
)
def test_load_records_of_one_name_or_type_are_those_of_the_whole_zone(
    backend, name, rtype
):
    api = backend.api
    whole = api.load_records(ZONE)
    expected = [
        record
        for record in whole
        if (name is None or record.name == name)
        and (rtype is None or record.type == rtype)
    ]
    assert sorted(api.load_records(ZONE, name, rtype), key=str) == sorted(
        expected, key=str
    )


def test_load_records_of_an_unknown_zone(backend):
    with pytest.raises(ZoneNotFoundError) as caught:
        backend.api.load_records(FOREIGN_ZONE)
    assert caught.value.msg == f"Zone {FOREIGN_ZONE} was not found in the account"


def test_create_edit_and_delete_round_trip(backend):
    api = backend.api
    wanted = as_read(
        api,
        Record(
            "app.example.com",
            "A",
            "203.0.113.50",
            ttl=proxied_ttl(api, 300),
            proxied=True,
        ),
    )

    created = api.apply(ZONE, Operation("create", None, wanted))
    assert created.kind == "create" and created.after.id
    assert without_id(created.after) == wanted
    assert created.after in api.load_records(ZONE)

    moved = dataclasses.replace(
        created.after, content="203.0.113.51", ttl=600, proxied=False
    )
    edited = api.apply(ZONE, Operation("edit", created.after, moved))
    assert edited.after == moved
    assert moved in api.load_records(ZONE)

    deleted = api.apply(ZONE, Operation("delete", moved, None))
    assert deleted == Operation("delete", moved, None)
    assert moved.id not in {record.id for record in api.load_records(ZONE)}


def test_a_delete_of_a_record_already_gone_is_done_and_an_edit_of_it_fails(backend):
    api = backend.api
    record = api.apply(
        ZONE,
        Operation(
            "create",
            None,
            Record("gone.example.com", "TXT", "bye", ttl=1, proxied=False),
        ),
    ).after
    api.apply(ZONE, Operation("delete", record, None))

    assert api.apply(ZONE, Operation("delete", record, None)).before == record
    with pytest.raises(RecordNotFoundError):
        api.apply(
            ZONE, Operation("edit", record, dataclasses.replace(record, content="back"))
        )


def test_a_create_of_a_record_the_zone_holds_adopts_it(backend):
    api = backend.api
    sub = next(
        record for record in api.load_records(ZONE) if record.name == "sub.example.com"
    )
    done = api.apply(
        ZONE, Operation("create", None, dataclasses.replace(without_id(sub), ttl=300))
    )
    assert done.after.id == sub.id
    assert done.after.ttl == 300
    assert [
        record.id
        for record in api.load_records(ZONE)
        if record.name == "sub.example.com"
    ] == [sub.id]


def test_apply_all_replaces_the_records_of_a_name_with_a_cname(backend):
    api = backend.api
    sub = next(
        record for record in api.load_records(ZONE) if record.name == "sub.example.com"
    )
    wanted = as_read(
        api,
        Record("sub.example.com", "CNAME", "app.example.com", ttl=1, proxied=False),
    )
    done = api.apply_all(
        ZONE, [Operation("delete", sub, None), Operation("create", None, wanted)]
    )
    assert [operation.kind for operation in done] == ["delete", "create"]
    assert without_id(done[1].after) == wanted
    assert api.load_records(ZONE, "sub.example.com") == [done[1].after]


def test_what_a_task_leaves_out_stays_as_it_is(backend):
    """Omitted means untouched, for every attribute the backend's records have."""
    # Tags need a paid plan.
    state = backend.simulator.state()
    for zone in state["accounts"][0]["zones"]:
        if zone["name"] == ZONE:
            zone["plan"] = "pro"
    backend.simulator.reset(state)
    api = backend.api
    caps = api.capabilities
    given = {"name": "app", "type": "A", "content": "203.0.113.50", "proxied": True}
    extras = {
        "comment": "front end",
        "tags": ["team:web"],
        "settings": {"ipv6_only": True},
    }
    attributes = {
        key: value for key, value in extras.items() if key in caps.record_attributes
    }
    for key in set(extras) - set(attributes):
        with pytest.raises(ValidationError):
            read_record(ZONE, {**given, key: extras[key]}, caps)

    wanted = read_record(ZONE, {**given, **attributes}, caps)
    plan = plan_record(api.load_records(ZONE, wanted.name), wanted, caps=caps)
    created = api.apply_all(ZONE, plan.operations)[0].written

    retimed = read_record(
        ZONE,
        {"name": "app", "type": "A", "content": "203.0.113.50", "solo": True},
        caps,
    )
    retimed = dataclasses.replace(retimed, proxied=False, ttl=600)
    plan = plan_record(api.load_records(ZONE, wanted.name), retimed, caps=caps)
    assert [operation.kind for operation in plan.operations] == ["edit"]
    api.apply_all(ZONE, plan.operations)

    (now,) = api.load_records(ZONE, wanted.name)
    assert now == dataclasses.replace(created, proxied=False, ttl=600)
    assert (now.comment, now.tags, now.settings) == (
        created.comment,
        created.tags,
        created.settings,
    )


def test_write_order_clears_a_name_before_a_cname_takes_it(backend):
    api = backend.api
    if lacks(
        api,
        "zone_records",
        lambda: api.apply_changes(ZONE, [], WriteOptions(concurrency=1)),
    ):
        return
    sub = next(
        record for record in api.load_records(ZONE) if record.name == "sub.example.com"
    )
    cname = Operation(
        "create",
        None,
        Record("sub.example.com", "CNAME", "app.example.com", ttl=1, proxied=False),
    )
    clear = Operation("delete", sub, None)
    order = api.write_order([cname, clear])
    assert sorted(order, key=id) == sorted([cname, clear], key=id)
    assert order.index(clear) < order.index(cname)


def test_apply_changes_carries_out_a_plan_and_reports_one_outcome_each_in_order(
    backend,
):
    api = backend.api
    if lacks(
        api,
        "zone_records",
        lambda: api.apply_changes(ZONE, [], WriteOptions(concurrency=1)),
    ):
        return
    current = {
        record.name + " " + record.type: record for record in api.load_records(ZONE)
    }
    mx = current["example.com MX"]
    operations = [
        Operation(
            "create",
            None,
            Record("sub.example.com", "CNAME", "app.example.com", ttl=1, proxied=False),
        ),
        Operation("delete", current["sub.example.com A"], None),
        Operation(
            "create",
            None,
            Record("app.example.com", "A", "203.0.113.50", ttl=1, proxied=True),
        ),
        Operation("edit", mx, dataclasses.replace(mx, priority=20)),
    ]
    outcomes = api.apply_changes(
        ZONE, api.write_order(operations), WriteOptions(concurrency=4)
    )

    assert [outcome.status for outcome in outcomes] == [APPLIED] * 4
    assert [outcome.operation.kind for outcome in outcomes] == [
        operation.kind for operation in api.write_order(operations)
    ]
    after = api.load_records(ZONE)
    for outcome in outcomes:
        if outcome.operation.kind == "delete":
            assert outcome.operation.before.id not in {record.id for record in after}
        else:
            assert outcome.operation.after.id and outcome.operation.after in after
    assert dataclasses.replace(mx, priority=20) in after


def test_a_failing_write_is_reported_and_what_it_does_to_the_others_follows_the_capabilities(
    backend,
):
    api = backend.api
    if lacks(
        api,
        "zone_records",
        lambda: api.apply_changes(ZONE, [], WriteOptions(concurrency=1)),
    ):
        return
    txt = next(record for record in api.load_records(ZONE) if record.type == "TXT")
    good = Operation(
        "create",
        None,
        Record("x.example.com", "A", "203.0.113.77", ttl=1, proxied=False),
    )
    # mail.example.com holds an A record: every backend refuses a CNAME beside it.
    refused = Operation(
        "create",
        None,
        Record("mail.example.com", "CNAME", "example.net", ttl=1, proxied=False),
    )
    later = Operation("delete", txt, None)
    operations = [good, refused, later]

    outcomes = api.apply_changes(ZONE, operations, WriteOptions(concurrency=1))

    assert [outcome.operation.kind for outcome in outcomes] == [
        "create",
        "create",
        "delete",
    ]
    assert outcomes[1].status == FAILED and outcomes[1].error
    after = {(record.name, record.type) for record in api.load_records(ZONE)}
    assert ("mail.example.com", "CNAME") not in after
    if api.capabilities.batch_limit is None:
        # One write a call: the others of its step are applied, the deletes after it wait for it.
        assert [outcome.status for outcome in outcomes] == [
            APPLIED,
            FAILED,
            NOT_ATTEMPTED,
        ]
        assert outcomes[2].error.startswith("not attempted: ")
        assert ("x.example.com", "A") in after
    else:
        # One transaction a batch: nothing of the refused batch is applied.
        assert APPLIED not in {outcome.status for outcome in outcomes}
        assert ("x.example.com", "A") not in after
    assert (txt.name, txt.type) in after


# --- settings ----------------------------------------------------------------------------------------


def test_read_settings_gives_every_setting_the_backend_manages_in_option_terms(backend):
    api = backend.api
    if lacks(api, "settings", lambda: api.read_settings(ZONE)):
        return
    current = api.read_settings(ZONE)
    assert isinstance(current, ZoneSettings)
    assert set(current.values) == set(api.capabilities.settings)
    for option, value in current.values.items():
        if option not in current.unmapped:
            assert BY_OPTION[option].problem(value) is None, (option, value)


def test_write_setting_is_read_back(backend):
    api = backend.api
    if lacks(
        api,
        "setting_changes",
        lambda: api.write_setting(ZONE, "security_level", "high"),
    ):
        return
    for option, value in (
        ("security_level", "under_attack"),
        ("ipv6", False),
        ("cache_level", "basic"),
    ):
        if option in api.capabilities.settings:
            assert api.write_setting(ZONE, option, value) is None
            assert api.read_settings(ZONE).values[option] == value


def test_development_mode_reports_when_it_ends(backend):
    api = backend.api
    if (
        lacks(
            api,
            "setting_changes",
            lambda: api.write_setting(ZONE, "development_mode", True),
        )
        or "development_mode" not in api.capabilities.settings
    ):
        return
    expires_on = api.write_setting(ZONE, "development_mode", True)
    current = api.read_settings(ZONE)
    assert current.values["development_mode"] is True
    assert (
        isinstance(expires_on, int)
        and current.development_mode_expires_on == expires_on
    )
    assert api.write_setting(ZONE, "development_mode", False) is None
    assert api.read_settings(ZONE).development_mode_expires_on is None


def test_read_settings_of_some_options_reads_at_least_those(backend):
    api = backend.api
    if lacks(api, "settings", lambda: api.read_settings(ZONE, ["ipv6"])):
        return
    before = api.api_calls
    current = api.read_settings(ZONE, ["ipv6", "security_level"])
    assert {"ipv6", "security_level"} <= set(current.values)
    # One call for the backend that reads all settings at once, one per setting otherwise.
    assert api.api_calls - before <= 3


def test_settings_by_id_are_read_and_written_in_the_apis_spelling(backend):
    api = backend.api
    if lacks(api, "settings_by_id", lambda: api.read_api_settings(ZONE, ["http3"])):
        return
    found = api.read_api_settings(ZONE, ["http3", "browser_cache_ttl"])
    assert set(found) == {"http3", "browser_cache_ttl"}
    assert found["http3"].value in ("on", "off")
    assert isinstance(found["browser_cache_ttl"].value, int)
    written = api.write_api_setting(ZONE, "http3", "off")
    assert written.value == "off"
    assert api.read_api_settings(ZONE, ["http3"])["http3"].value == "off"


def test_an_unknown_setting_id_is_an_input_error_naming_it(backend):
    api = backend.api
    if lacks(api, "settings_by_id", lambda: api.read_api_settings(ZONE, ["nosuch"])):
        return
    with pytest.raises(CloudflareError, match="settings.nosuch"):
        api.read_api_settings(ZONE, ["nosuch"])


def test_a_setting_the_plan_cannot_change_reads_as_not_editable(backend):
    api = backend.api
    if lacks(api, "settings_by_id", lambda: api.read_api_settings(ZONE, ["webp"])):
        return
    assert api.read_api_settings(ZONE, ["webp"])["webp"].editable is False


def test_settings_of_an_unknown_zone(backend):
    api = backend.api
    if lacks(api, "settings", lambda: api.read_settings(FOREIGN_ZONE)):
        return
    with pytest.raises(ZoneNotFoundError):
        api.read_settings(FOREIGN_ZONE)


# --- cache, account, traffic, snapshot ------------------------------------------------------------------


def test_purge_everything(backend):
    api = backend.api
    if lacks(api, "cache_purge", lambda: api.purge_everything(ZONE)):
        return
    assert set(api.purge_everything(ZONE)) == {"purge_timestamp", "cooldown"}


def test_purge_files_takes_as_many_urls_as_its_limit_says(backend):
    api = backend.api
    if lacks(
        api,
        "cache_purge",
        lambda: api.purge_files(ZONE, ["https://www.example.com/a.css"]),
    ):
        return
    limit = api.purge_limit(ZONE, "files")
    assert 1 <= limit <= api.capabilities.files_per_purge
    urls = [f"https://www.example.com/{index}.css" for index in range(limit)]
    assert api.purge_files(ZONE, urls) is None
    assert api.purge_items(ZONE, "files", urls) is None
    with pytest.raises(CloudflareError):
        api.purge_files(ZONE, ["http://www.example.org/elsewhere.css"])


PURGE_SAMPLES = {
    "tags": lambda index: f"release-{index}",
    "hosts": lambda index: f"h{index}.example.com",
    "prefixes": lambda index: f"www.example.com/assets/{index}",
}


@pytest.mark.parametrize("kind", sorted(PURGE_SAMPLES))
def test_purge_items_of_each_kind_the_backend_has(backend, kind):
    api = backend.api
    items = [PURGE_SAMPLES[kind](0)]
    if "cache_purge" not in api.capabilities.features:
        return
    if kind not in api.capabilities.purge_kinds:
        before = api.api_calls
        with pytest.raises(NotSupportedError):
            api.purge_items(ZONE, kind, items)
        assert api.api_calls == before
        return
    limit = api.purge_limit(ZONE, kind)
    assert 1 <= limit <= api.capabilities.items_per_purge
    assert (
        api.purge_items(ZONE, kind, [PURGE_SAMPLES[kind](i) for i in range(limit)])
        is None
    )
    if kind != "tags":
        foreign = "www.example.org" + ("/x" if kind == "prefixes" else "")
        with pytest.raises(CloudflareError):
            api.purge_items(ZONE, kind, [foreign])


def test_set_ip_access_sets_and_clears_a_mode(backend):
    """The lists of a backend that cannot read them back (a backend that can: the rules below)."""
    api = backend.api
    if lacks(api, "ip_access", lambda: api.set_ip_access("198.51.100.7", "whitelist")):
        return
    if api.capabilities.reads_ip_access:
        return
    assert api.set_ip_access("198.51.100.7", "whitelist") == {
        "ip": "198.51.100.7",
        "mode": "whitelist",
    }
    assert api.set_ip_access("2001:db8::7", "blacklist") == {
        "ip": "2001:db8::7",
        "mode": "blacklist",
    }
    assert backend.ip_rules() == {
        "198.51.100.7": "whitelist",
        "2001:db8::7": "blacklist",
    }
    assert api.set_ip_access("198.51.100.7", "none") == {
        "ip": "198.51.100.7",
        "mode": "none",
    }
    assert backend.ip_rules() == {"2001:db8::7": "blacklist"}
    if not api.capabilities.reads_ip_access:
        # Without a read, setting a mode again is one more call, accepted the same way.
        before = api.api_calls
        assert api.set_ip_access("2001:db8::7", "blacklist") == {
            "ip": "2001:db8::7",
            "mode": "blacklist",
        }
        assert api.api_calls == before + 1


@pytest.mark.parametrize("kind", ["account", "zone"])
def test_access_rules_round_trip_in_a_scope(backend, kind):
    """Read, create, edit (keeping the id) and delete the IP access rules of a scope."""
    api = backend.api
    if not api.capabilities.reads_ip_access:
        before = api.api_calls
        with pytest.raises(NotSupportedError):
            api.access_scope(kind, ZONE, None)
        assert api.api_calls == before
        return
    scope = api.access_scope(kind, ZONE, None)
    assert scope.kind == kind
    assert api.access_rules(scope) == []
    made = [
        api.create_access_rule(scope, AccessRule(target, value, mode, notes))
        for target, value, mode, notes in [
            ("ip", "198.51.100.7", "whitelist", "office"),
            ("ip6", "2001:db8::7", "block", ""),
            ("ip_range", "203.0.113.0/24", "managed_challenge", ""),
            ("asn", "AS13335", "js_challenge", ""),
            ("country", "T1", "challenge", "Tor"),
        ]
    ]
    assert all(rule.id for rule in made)
    assert api.access_rules(scope) == made
    edited = api.edit_access_rule(scope, made[0], {"mode": "block"})
    assert edited == dataclasses.replace(made[0], mode="block")
    api.delete_access_rule(scope, made[1])
    # A rule gone already counts as deleted.
    api.delete_access_rule(scope, made[1])
    assert api.access_rules(scope) == [edited, *made[2:]]
    assert len(backend.access_rules(kind)) == 4
    # A create of a rule the scope holds adopts it, with the task's mode.
    adopted = api.create_access_rule(scope, AccessRule("country", "T1", "block", "Tor"))
    assert adopted == dataclasses.replace(made[4], mode="block")
    # The other scope is apart.
    other = api.access_scope("zone" if kind == "account" else "account", ZONE, None)
    assert api.access_rules(other) == []


def test_lookup_ip(backend):
    api = backend.api
    if lacks(api, "threat_score", lambda: api.lookup_ip("0.0.0.0")):
        return
    assert api.lookup_ip("0.0.0.0") == {"ip": "0.0.0.0", "label": "BAD", "score": 0}
    assert api.lookup_ip("203.0.113.200") == {
        "ip": "203.0.113.200",
        "label": None,
        "score": None,
    }


@pytest.mark.parametrize("interval", ["30d", "7d", "1d"])
def test_read_stats(backend, interval):
    api = backend.api
    if lacks(api, "stats", lambda: api.read_stats(ZONE, interval)):
        return
    stats = api.read_stats(ZONE, interval)
    assert set(stats) == STATS_KEYS
    assert stats["interval"] == interval


@pytest.mark.parametrize(
    "visitor_class, geo", [(None, False), ("threat", True), ("crawler", False)]
)
def test_read_visitors(backend, visitor_class, geo):
    api = backend.api
    if lacks(api, "visitors", lambda: api.read_visitors(ZONE, 24, visitor_class, geo)):
        return
    visitors = api.read_visitors(ZONE, 24, visitor_class, geo)
    assert visitors
    keys = {"ip", "classification", "hits"} | (
        {"latitude", "longitude"} if geo else set()
    )
    for visitor in visitors:
        assert set(visitor) == keys
        assert visitor_class is None or visitor["classification"] == visitor_class


def test_refresh_snapshot_once_a_day(backend):
    api = backend.api
    if lacks(api, "snapshot", lambda: api.refresh_snapshot(ZONE)):
        return
    assert api.refresh_snapshot(ZONE) == api.zone_id(ZONE)
    with pytest.raises(DailyLimitError) as caught:
        api.refresh_snapshot(ZONE)
    assert caught.value.details()["daily_limit_reached"] is True
    with pytest.raises(ZoneNotFoundError):
        api.refresh_snapshot(FOREIGN_ZONE)
