# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible_collections.edgeops.cloudflare.plugins.module_utils._errors import (
    APIError,
    InputError,
    StepError,
    TransportError,
    ValidationError,
    ZoneNotFoundError,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.zone_setting import (
    apply_zone_settings,
    module_spec,
    wanted_settings,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._settings import (
    SETTING_OPTIONS,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.api import V1API
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.client import (
    V1Client,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._v1.settings import (
    settings_from_v1,
)
from ansible_collections.edgeops.cloudflare.tests.unit.plugins.v1_fake import (
    API_URL,
    EMAIL,
    KEY,
    error,
    form,
    success,
)

NOW = 1_800_000_000

# The spec's zone_settings example (section 4.7) with development mode off.
V1_SETTINGS = {
    "userSecuritySetting": "Medium",
    "dev_mode": 0,
    "ipv46": 3,
    "ob": 1,
    "cache_lvl": "agg",
    "outboundLinks": "disabled",
    "async": "0",
    "bic": "1",
    "chl_ttl": "900",
    "exp_ttl": "7200",
    "fpurge_ts": "1345757991",
    "hotlink": "1",
    "img": "171",
    "lazy": "1",
    "minify": "0",
    "outlink": "0",
    "preload": "0",
    "s404": "1",
    "sec_lvl": "med",
    "spdy": "1",
    "ssl": "1",
    "waf_profile": "high",
    "email_filter": "1",
    "sse": "1",
    "geoloc": "1",
    "mirage2": "0",
}

DEFAULT_SETTINGS = {
    "security_level": "medium",
    "cache_level": "aggressive",
    "development_mode": False,
    "ipv6": True,
    "rocket_loader": "off",
    "minify": [],
    "mirage": False,
}


def settings_answer(**fields) -> dict:
    """A zone_settings answer (request echo included) with ``fields`` changed."""
    return success("zone_settings", {"result": {"objs": [{**V1_SETTINGS, **fields}]}})


@pytest.fixture
def client(clock):
    """The v1 adapter over a client on the fake endpoint."""
    return V1API(V1Client(EMAIL, KEY, api_url=API_URL, clock=clock, sleep=clock.sleep))


def apply(client, wanted, **kwargs):
    return apply_zone_settings(
        client, "example.com", wanted, clock=lambda: NOW, **kwargs
    )


# --- reading: v1 values to option values ---------------------------------------------------


def test_the_spec_example_reads_as_option_values():
    assert settings_from_v1(V1_SETTINGS).values == DEFAULT_SETTINGS


@pytest.mark.parametrize(
    "fields, option, value",
    [
        ({"sec_lvl": "help"}, "security_level", "under_attack"),
        ({"sec_lvl": "high"}, "security_level", "high"),
        ({"sec_lvl": "med"}, "security_level", "medium"),
        ({"sec_lvl": "low"}, "security_level", "low"),
        ({"sec_lvl": "eoff"}, "security_level", "essentially_off"),
        ({"cache_lvl": "agg"}, "cache_level", "aggressive"),
        ({"cache_lvl": "basic"}, "cache_level", "basic"),
        ({"dev_mode": 0}, "development_mode", False),
        ({"dev_mode": NOW + 60}, "development_mode", True),
        ({"dev_mode": str(NOW + 60)}, "development_mode", True),
        ({"ipv46": 0}, "ipv6", False),
        ({"ipv46": 3}, "ipv6", True),
        ({"ipv46": "3"}, "ipv6", True),
        ({"async": "0"}, "rocket_loader", "off"),
        ({"async": "a"}, "rocket_loader", "automatic"),
        ({"async": "m"}, "rocket_loader", "manual"),
        ({"minify": "0"}, "minify", []),
        ({"minify": "1"}, "minify", ["js"]),
        ({"minify": "2"}, "minify", ["css"]),
        ({"minify": 3}, "minify", ["js", "css"]),
        ({"minify": "4"}, "minify", ["html"]),
        ({"minify": "5"}, "minify", ["js", "html"]),
        ({"minify": "6"}, "minify", ["css", "html"]),
        ({"minify": "7"}, "minify", ["js", "css", "html"]),
        ({"mirage2": "0"}, "mirage", False),
        ({"mirage2": "1"}, "mirage", True),
    ],
)
def test_every_v1_value_reads_as_its_option_value(fields, option, value):
    assert settings_from_v1({**V1_SETTINGS, **fields}).values[option] == value


@pytest.mark.parametrize(
    "fields, option, shown",
    [
        ({"cache_lvl": "iqs"}, "cache_level", "iqs"),
        ({"ipv46": 1}, "ipv6", 1),
        ({"ipv46": 2}, "ipv6", 2),
        ({"ipv46": 5}, "ipv6", 5),
        ({"sec_lvl": "Medium"}, "security_level", "Medium"),
        ({"async": "x"}, "rocket_loader", "x"),
        ({"minify": "8"}, "minify", "8"),
        ({"minify": "-1"}, "minify", "-1"),
        ({"minify": True}, "minify", True),
        ({"dev_mode": "soon"}, "development_mode", "soon"),
        ({"dev_mode": None}, "development_mode", None),
        ({"mirage2": "2"}, "mirage", "2"),
        ({"mirage2": {"on": 1}}, "mirage", {"on": 1}),
    ],
)
def test_values_without_an_option_value_are_shown_as_reported(fields, option, shown):
    assert settings_from_v1({**V1_SETTINGS, **fields}).values[option] == shown


def test_a_field_the_api_leaves_out_reads_as_none():
    fields = dict(V1_SETTINGS)
    del fields["mirage2"]

    assert settings_from_v1(fields).values["mirage"] is None


def test_read_settings_takes_one_call(fake_v1, client):
    fake_v1.add(settings_answer(sec_lvl="high"))

    assert client.read_settings("example.com").values == {
        **DEFAULT_SETTINGS,
        "security_level": "high",
    }
    assert fake_v1.forms == [form("zone_settings", z="example.com")]


# --- the option spec comes from the table --------------------------------------------------


def zone_setting_argument_spec() -> dict:
    spec = module_spec().argument_spec
    return {option: spec[option] for option in ["zone", *SETTING_OPTIONS]}


def test_argument_spec_is_built_from_the_table():
    spec = zone_setting_argument_spec()

    assert list(spec) == ["zone", *SETTING_OPTIONS]
    assert spec["zone"] == {"type": "str", "required": True, "aliases": ["domain"]}
    assert spec["security_level"] == {
        "type": "str",
        "choices": ["under_attack", "high", "medium", "low", "essentially_off", "off"],
    }
    assert spec["cache_level"] == {
        "type": "str",
        "choices": ["aggressive", "basic", "simplified"],
    }
    assert spec["rocket_loader"] == {
        "type": "str",
        "choices": ["off", "automatic", "manual"],
    }
    assert spec["minify"] == {
        "type": "list",
        "elements": "str",
        "choices": ["js", "css", "html"],
    }
    for option in ("development_mode", "ipv6", "mirage"):
        assert spec[option] == {"type": "bool"}


def test_argument_spec_is_a_fresh_dict_each_time():
    spec = zone_setting_argument_spec()
    spec["security_level"]["choices"].append("extreme")

    assert "extreme" not in zone_setting_argument_spec()["security_level"]["choices"]


def test_wanted_settings_are_the_setting_options_that_are_set():
    params = {
        "zone": "example.com",
        "api_key": KEY,
        "security_level": "high",
        "minify": [],
        "ipv6": False,
        "cache_level": None,
        "development_mode": None,
    }

    assert wanted_settings(params) == {
        "security_level": "high",
        "minify": [],
        "ipv6": False,
    }


# --- writing: one setter call per setting that differs ----------------------------------------


@pytest.mark.parametrize(
    "option, value, action, v",
    [
        ("security_level", "under_attack", "sec_lvl", "help"),
        ("security_level", "high", "sec_lvl", "high"),
        ("security_level", "low", "sec_lvl", "low"),
        ("security_level", "essentially_off", "sec_lvl", "eoff"),
        ("cache_level", "basic", "cache_lvl", "basic"),
        ("ipv6", False, "ipv46", "0"),
        ("rocket_loader", "automatic", "async", "a"),
        ("rocket_loader", "manual", "async", "m"),
        ("minify", ["js"], "minify", "1"),
        ("minify", ["css"], "minify", "2"),
        ("minify", ["html"], "minify", "4"),
        ("minify", ["html", "js"], "minify", "5"),
        ("minify", ["css", "html", "js", "css"], "minify", "7"),
        ("mirage", True, "mirage2", "1"),
    ],
)
def test_a_differing_setting_costs_one_read_and_one_write(
    fake_v1, client, option, value, action, v
):
    fake_v1.add(settings_answer(), success())

    result = apply(client, {option: value})

    assert fake_v1.forms == [
        form("zone_settings", z="example.com"),
        form(action, z="example.com", v=v),
    ]
    assert result["changed"] is True
    assert result["changed_settings"] == [option]
    expected = (
        [name for name in ("js", "css", "html") if name in value]
        if option == "minify"
        else value
    )
    assert result["settings"] == {**DEFAULT_SETTINGS, option: expected}


@pytest.mark.parametrize(
    "option, value, field, v1_value",
    [
        ("security_level", "medium", "sec_lvl", "med"),
        ("security_level", "under_attack", "sec_lvl", "help"),
        ("cache_level", "aggressive", "cache_lvl", "agg"),
        ("cache_level", "basic", "cache_lvl", "basic"),
        ("development_mode", False, "dev_mode", 0),
        ("ipv6", True, "ipv46", 3),
        ("ipv6", False, "ipv46", 0),
        ("rocket_loader", "off", "async", "0"),
        ("rocket_loader", "manual", "async", "m"),
        ("minify", [], "minify", "0"),
        ("minify", ["css", "js"], "minify", "3"),
        ("minify", ["html", "css", "js"], "minify", "7"),
        ("mirage", False, "mirage2", "0"),
        ("mirage", True, "mirage2", 1),
    ],
)
def test_a_matching_setting_costs_one_read_and_no_write(
    fake_v1, client, option, value, field, v1_value
):
    fake_v1.add(settings_answer(**{field: v1_value}))

    result = apply(client, {option: value})

    assert fake_v1.actions == ["zone_settings"]
    assert result["changed"] is False
    assert result["changed_settings"] == []


@pytest.mark.parametrize(
    "option, value, field, reported, action, v",
    [
        ("cache_level", "aggressive", "cache_lvl", "iqs", "cache_lvl", "agg"),
        ("cache_level", "basic", "cache_lvl", "iqs", "cache_lvl", "basic"),
        ("ipv6", True, "ipv46", 1, "ipv46", "3"),
        ("ipv6", True, "ipv46", 2, "ipv46", "3"),
        ("ipv6", False, "ipv46", 2, "ipv46", "0"),
        ("mirage", False, "mirage2", None, "mirage2", "0"),
    ],
)
def test_unmapped_values_differ_from_every_option_value(
    fake_v1, client, option, value, field, reported, action, v
):
    fake_v1.add(settings_answer(**{field: reported}), success())

    result = apply(client, {option: value}, diff=True)

    assert fake_v1.forms[1] == form(action, z="example.com", v=v)
    assert result["diff"] == {"before": {option: reported}, "after": {option: value}}


def test_several_settings_are_written_in_table_order(fake_v1, client):
    fake_v1.add(settings_answer(), success(), success(), success(), success())

    result = apply(
        client,
        {
            "mirage": True,
            "minify": ["html"],
            "security_level": "high",
            "cache_level": "aggressive",
            "ipv6": True,
            "rocket_loader": "manual",
        },
    )

    assert fake_v1.forms == [
        form("zone_settings", z="example.com"),
        form("sec_lvl", z="example.com", v="high"),
        form("async", z="example.com", v="m"),
        form("minify", z="example.com", v="4"),
        form("mirage2", z="example.com", v="1"),
    ]
    assert result == {
        "changed": True,
        "changed_settings": ["security_level", "rocket_loader", "minify", "mirage"],
        "settings": {
            **DEFAULT_SETTINGS,
            "security_level": "high",
            "rocket_loader": "manual",
            "minify": ["html"],
            "mirage": True,
        },
        "development_mode_expires_on": None,
        "development_mode_seconds_left": None,
        "settings_by_id": {},
    }


def test_the_zone_name_is_normalised(fake_v1, client):
    fake_v1.add(settings_answer(), success())

    apply_zone_settings(client, "Example.COM.", {"security_level": "low"})

    assert fake_v1.forms == [
        form("zone_settings", z="example.com"),
        form("sec_lvl", z="example.com", v="low"),
    ]


# --- check mode and diff -----------------------------------------------------------------------


def test_check_mode_reads_and_predicts_without_writing(fake_v1, client):
    fake_v1.add(settings_answer())

    result = apply(
        client,
        {"security_level": "under_attack", "minify": ["js", "html"], "ipv6": True},
        check_mode=True,
        diff=True,
    )

    assert fake_v1.actions == ["zone_settings"]
    assert result["changed"] is True
    assert result["changed_settings"] == ["security_level", "minify"]
    assert result["settings"] == {
        **DEFAULT_SETTINGS,
        "security_level": "under_attack",
        "minify": ["js", "html"],
    }
    assert result["diff"] == {
        "before": {"security_level": "medium", "ipv6": True, "minify": []},
        "after": {
            "security_level": "under_attack",
            "ipv6": True,
            "minify": ["js", "html"],
        },
    }


def test_diff_holds_only_the_named_settings_even_without_change(fake_v1, client):
    fake_v1.add(settings_answer())

    result = apply(client, {"rocket_loader": "off"}, diff=True)

    assert result["changed"] is False
    assert result["diff"] == {
        "before": {"rocket_loader": "off"},
        "after": {"rocket_loader": "off"},
    }


def test_no_diff_unless_asked(fake_v1, client):
    fake_v1.add(settings_answer(), success())

    assert "diff" not in apply(client, {"cache_level": "basic"})


# --- development mode ---------------------------------------------------------------------------


def test_turning_development_mode_on_reports_the_expiry_of_the_answer(fake_v1, client):
    fake_v1.add(settings_answer(), success(response={"expires_on": NOW + 10800}))

    result = apply(client, {"development_mode": True})

    assert fake_v1.forms[1] == form("devmode", z="example.com", v="1")
    assert result["changed"] is True
    assert result["settings"]["development_mode"] is True
    assert result["development_mode_expires_on"] == NOW + 10800
    assert result["development_mode_seconds_left"] == 10800


def test_development_mode_on_while_on_is_no_change_and_reports_the_time_left(
    fake_v1, client
):
    fake_v1.add(settings_answer(dev_mode=NOW + 600))

    result = apply(client, {"development_mode": True})

    assert fake_v1.actions == ["zone_settings"]
    assert result["changed"] is False
    assert result["development_mode_expires_on"] == NOW + 600
    assert result["development_mode_seconds_left"] == 600


def test_time_left_is_never_negative(fake_v1, client):
    fake_v1.add(settings_answer(dev_mode=NOW - 5))

    result = apply(client, {"security_level": "medium"})

    assert result["settings"]["development_mode"] is True
    assert result["development_mode_seconds_left"] == 0


def test_turning_development_mode_off(fake_v1, client):
    fake_v1.add(
        settings_answer(dev_mode=NOW + 600), success(response={"expires_on": 0})
    )

    result = apply(client, {"development_mode": False}, diff=True)

    assert fake_v1.forms[1] == form("devmode", z="example.com", v="0")
    assert result["settings"]["development_mode"] is False
    assert result["development_mode_expires_on"] is None
    assert result["development_mode_seconds_left"] is None
    assert result["diff"] == {
        "before": {"development_mode": True},
        "after": {"development_mode": False},
    }


def test_check_mode_predicts_three_hours_of_development_mode(fake_v1, client):
    fake_v1.add(settings_answer())

    result = apply(client, {"development_mode": True}, check_mode=True)

    assert fake_v1.actions == ["zone_settings"]
    assert result["development_mode_expires_on"] == NOW + 3 * 3600
    assert result["development_mode_seconds_left"] == 3 * 3600


def test_an_answer_without_expiry_leaves_it_unknown(fake_v1, client):
    fake_v1.add(settings_answer(), success())

    result = apply(client, {"development_mode": True})

    assert result["settings"]["development_mode"] is True
    assert result["development_mode_expires_on"] is None
    assert result["development_mode_seconds_left"] is None


# --- failures -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wanted, problems",
    [
        (
            {"security_level": "extreme"},
            [
                "security_level: must be one of under_attack, high, medium, low, essentially_off, got 'extreme'"
            ],
        ),
        (
            {"cache_level": "iqs"},
            ["cache_level: must be one of aggressive, basic, got 'iqs'"],
        ),
        (
            {"development_mode": "yes"},
            ["development_mode: must be true or false, got 'yes'"],
        ),
        ({"ipv6": 3}, ["ipv6: must be true or false, got 3"]),
        (
            {"minify": ["js", "png"]},
            [
                "minify: must be a list of js, css, html (an empty list turns it off), got ['js', 'png']"
            ],
        ),
        (
            {"minify": "js"},
            [
                "minify: must be a list of js, css, html (an empty list turns it off), got 'js'"
            ],
        ),
        (
            {"ssl": "full"},
            [
                "ssl: not a setting this module manages (security_level, cache_level, development_mode, ipv6, "
                "rocket_loader, minify, mirage)"
            ],
        ),
        (
            {"mirage": None, "rocket_loader": "fast"},
            [
                "mirage: must be true or false, got None",
                "rocket_loader: must be one of off, automatic, manual, got 'fast'",
            ],
        ),
        (
            {},
            [
                "name at least one setting: security_level, cache_level, development_mode, ipv6, rocket_loader, minify, "
                "mirage"
            ],
        ),
    ],
)
def test_bad_values_are_rejected_before_any_call(fake_v1, client, wanted, problems):
    with pytest.raises(ValidationError) as caught:
        apply(client, wanted)

    assert caught.value.problems == problems
    assert fake_v1.requests == []


def test_a_bad_zone_name_is_rejected_with_the_other_problems_before_any_call(
    fake_v1, client
):
    with pytest.raises(ValidationError) as caught:
        apply_zone_settings(client, "exa mple.com", {"ipv6": "no"})

    assert caught.value.problems == [
        "zone 'exa mple.com' is not a valid DNS name",
        "ipv6: must be true or false, got 'no'",
    ]
    assert fake_v1.requests == []


def test_an_internationalised_zone_name_is_sent_in_punycode(fake_v1, client):
    fake_v1.add(settings_answer())

    apply_zone_settings(client, "Bücher.Example.", {"ipv6": True})

    assert fake_v1.forms == [form("zone_settings", z="xn--bcher-kva.example")]


def test_unknown_zone_fails_naming_the_zone(fake_v1, client):
    fake_v1.add(error("Invalid zone", action="zone_settings"))

    with pytest.raises(ZoneNotFoundError) as caught:
        apply_zone_settings(client, "Example.NET", {"security_level": "high"})

    assert str(caught.value) == "Zone example.net was not found in the account"
    assert caught.value.details() == {
        "api_action": "zone_settings",
        "attempts": 1,
        "zone": "example.net",
    }
    assert fake_v1.actions == ["zone_settings"]


@pytest.mark.parametrize(
    "answer",
    [
        success("zone_settings"),
        success(response={"result": {"objs": []}}),
        success(response={"result": {"objs": ["med"]}}),
    ],
)
def test_a_settings_answer_without_the_object_is_a_transport_error(
    fake_v1, client, answer
):
    fake_v1.add(answer)

    with pytest.raises(
        TransportError, match="zone_settings for zone example.com answered without"
    ):
        apply(client, {"security_level": "high"})


def test_a_failed_write_names_the_settings_already_changed(fake_v1, client):
    fake_v1.add(
        settings_answer(), success(), error("Invalid input for v: no", "E_INVLDINPUT")
    )

    with pytest.raises(StepError) as caught:
        apply(client, {"security_level": "high", "cache_level": "basic", "ipv6": False})

    assert str(caught.value) == (
        "Changing cache_level of zone example.com failed (already changed: security_level): "
        "cache_lvl failed: Invalid input for v: no (E_INVLDINPUT)"
    )
    assert isinstance(caught.value.cause, InputError)
    assert caught.value.details() == {
        "api_action": "cache_lvl",
        "err_code": "E_INVLDINPUT",
        "attempts": 1,
        "changed": True,
        "changed_settings": ["security_level"],
    }
    assert fake_v1.actions == ["zone_settings", "sec_lvl", "cache_lvl"]


def test_a_failed_first_write_changed_nothing(fake_v1, client):
    fake_v1.add(settings_answer(), error("Something broke"))

    with pytest.raises(StepError) as caught:
        apply(client, {"security_level": "high"})

    assert (
        str(caught.value)
        == "Changing security_level of zone example.com failed: sec_lvl failed: Something broke"
    )
    assert isinstance(caught.value.cause, APIError)
    assert caught.value.details() == {"api_action": "sec_lvl", "attempts": 1}
