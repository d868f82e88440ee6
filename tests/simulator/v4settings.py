# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Zone settings on v4 (notes 1.4): one by one, and the deprecated all-at-once calls.

Settings v1 also has live in the v1 zone's fields (`zone.settings`, development mode in
`zone.dev_mode_until`), so both faces read the same values; the others live in
`zone.v4_settings`. Values and enums follow the SDK's zone setting types.
"""

from __future__ import annotations

from dnsrecords import iso_time
from v1state import DEV_MODE_SECONDS, PLANS
from v4core import V4Error, bad_request, success, zone_by_id

CODE_UNKNOWN_SETTING = 1006
CODE_INVALID_VALUE = 1007
CODE_NOT_EDITABLE = (
    1011  # [unconfirmed] notes 1.4 name no code for a setting the plan cannot change
)
ON_OFF = ("on", "off")
RETIRED = {
    # notes 1.4: minify reached its end of life on 2024-08-05, mirage in January 2026.
    "minify": "Auto Minify was retired on 2024-08-05",
    "mirage": "Mirage was retired in January 2026",
}
BROWSER_CACHE_TTLS = (
    0,
    30,
    60,
    120,
    300,
    1200,
    1800,
    3600,
    7200,
    10800,
    14400,
    18000,
    28800,
    43200,
    57600,
    72000,
    86400,
    172800,
    259200,
    345600,
    432000,
    691200,
    1382400,
    2073600,
    2678400,
    5356800,
    16070400,
    31536000,
)
CHALLENGE_TTLS = (
    300,
    900,
    1800,
    2700,
    3600,
    7200,
    10800,
    14400,
    28800,
    57600,
    86400,
    604800,
    2592000,
    31536000,
)


class Mapped:
    """A setting held by a v1 field whose values map onto v4's (several v1 values may map to
    one v4 value; `nearest` gives the v1 value for a v4 value v1 cannot spell). [unconfirmed]
    notes 1.4 give the v1 values from memory; rocket_loader `m` (manual) reads as v4 `on`.
    """

    def __init__(self, field, pairs, nearest=None, numeric=False):
        self.field = field
        self.to_v4 = dict(pairs)
        self.to_v1 = {}
        for v1_value, v4_value in pairs:
            self.to_v1.setdefault(v4_value, v1_value)
        self.to_v1.update(nearest or {})
        self.numeric = numeric

    def read(self, zone):
        if self.field in zone.finer_values:
            return zone.finer_values[self.field]
        return self.to_v4.get(str(zone.settings[self.field]), "off")

    def write(self, zone, value):
        if self.read(zone) == value:
            return
        v1_value = self.to_v1[value]
        zone.settings[self.field] = int(v1_value) if self.numeric else v1_value
        zone.finer_values.pop(self.field, None)
        if self.to_v4[v1_value] != value:
            zone.finer_values[self.field] = value


class Seconds:
    """A setting held by a v1 field of seconds as a string (chl_ttl, exp_ttl)."""

    def __init__(self, field):
        self.field = field

    def read(self, zone):
        return int(zone.settings[self.field])

    def write(self, zone, value):
        zone.settings[self.field] = str(int(value))


class Own:
    """A setting only v4 has, kept in zone.v4_settings."""

    def __init__(self, name, default):
        self.field = name
        self.default = default

    def read(self, zone):
        return zone.v4_settings.get(self.field, self.default)

    def write(self, zone, value):
        zone.v4_settings[self.field] = value


class Setting:
    def __init__(self, allowed, holder, plan="free"):
        self.allowed = allowed
        self.holder = holder
        self.plan = plan

    def editable(self, zone):
        return PLANS.index(zone.plan) >= PLANS.index(self.plan)


def v1_switch(field):
    return Mapped(field, (("1", "on"), ("0", "off")))


def own(name, allowed, default, plan="free"):
    return name, Setting(allowed, Own(name, default), plan)


# [unconfirmed] notes 1.4 give no plans. The plan a setting needs to be editable:
# cf-terraforming#40 shows webp (Pro) and sort_query_string_for_cache (Enterprise) read-only on
# Free; the others follow the plan pages CloudFlare advertises.
SETTINGS = dict(
    [
        (
            "security_level",
            Setting(
                ("off", "essentially_off", "low", "medium", "high", "under_attack"),
                Mapped(
                    "sec_lvl",
                    (
                        ("help", "under_attack"),
                        ("high", "high"),
                        ("med", "medium"),
                        ("low", "low"),
                        ("eoff", "essentially_off"),
                    ),
                    nearest={"off": "eoff"},
                ),
            ),
        ),
        (
            "cache_level",
            Setting(
                ("aggressive", "basic", "simplified"),
                Mapped(
                    "cache_lvl",
                    (("agg", "aggressive"), ("basic", "basic"), ("iqs", "simplified")),
                ),
            ),
        ),
        (
            "ipv6",
            Setting(
                ON_OFF,
                Mapped(
                    "ipv46",
                    (("0", "off"), ("3", "on"), ("1", "on"), ("2", "on")),
                    numeric=True,
                ),
            ),
        ),
        (
            "rocket_loader",
            Setting(ON_OFF, Mapped("async", (("0", "off"), ("a", "on"), ("m", "on")))),
        ),
        (
            "always_online",
            Setting(ON_OFF, Mapped("ob", (("1", "on"), ("0", "off")), numeric=True)),
        ),
        ("browser_check", Setting(ON_OFF, v1_switch("bic"))),
        ("hotlink_protection", Setting(ON_OFF, v1_switch("hotlink"))),
        ("email_obfuscation", Setting(ON_OFF, v1_switch("email_filter"))),
        ("server_side_exclude", Setting(ON_OFF, v1_switch("sse"))),
        ("ip_geolocation", Setting(ON_OFF, v1_switch("geoloc"))),
        (
            "ssl",
            Setting(
                ("off", "flexible", "full", "strict"),
                Mapped(
                    "ssl",
                    (("0", "off"), ("1", "flexible"), ("2", "full"), ("3", "strict")),
                ),
            ),
        ),
        ("challenge_ttl", Setting(CHALLENGE_TTLS, Seconds("chl_ttl"))),
        ("browser_cache_ttl", Setting(BROWSER_CACHE_TTLS, Seconds("exp_ttl"))),
        own("0rtt", ON_OFF, "off"),
        own("always_use_https", ON_OFF, "off"),
        own("automatic_https_rewrites", ON_OFF, "on"),
        own("brotli", ON_OFF, "on"),
        own("early_hints", ON_OFF, "off"),
        own("http2", ON_OFF, "on", plan="pro"),
        own("http3", ON_OFF, "on"),
        own("min_tls_version", ("1.0", "1.1", "1.2", "1.3"), "1.0"),
        own("opportunistic_encryption", ON_OFF, "on"),
        own("opportunistic_onion", ON_OFF, "on"),
        own("tls_1_3", ("on", "off", "zrt"), "on"),
        own("tls_client_auth", ON_OFF, "on"),
        own("websockets", ON_OFF, "on"),
        own("pseudo_ipv4", ("off", "add_header", "overwrite_header"), "off"),
        own("webp", ON_OFF, "off", plan="pro"),
        own("polish", ("off", "lossless", "lossy"), "off", plan="pro"),
        own("waf", ON_OFF, "off", plan="pro"),
        own("h2_prioritization", ("on", "off", "custom"), "off", plan="pro"),
        own("image_resizing", ("on", "off", "open"), "off", plan="business"),
        own("prefetch_preload", ON_OFF, "off", plan="enterprise"),
        own("sort_query_string_for_cache", ON_OFF, "off", plan="enterprise"),
        own("true_client_ip_header", ON_OFF, "off", plan="enterprise"),
        own("origin_error_page_pass_thru", ON_OFF, "off", plan="enterprise"),
        own("response_buffering", ON_OFF, "off", plan="enterprise"),
    ]
)


def known(setting_id):
    """[unconfirmed] notes 1.4 give the retired settings' end of life, not the answer: an unknown setting's."""
    if setting_id in RETIRED:
        raise V4Error(
            400,
            CODE_UNKNOWN_SETTING,
            f"Unrecognized zone setting name: {setting_id}. {RETIRED[setting_id]}.",
        )
    if setting_id != "development_mode" and setting_id not in SETTINGS:
        raise V4Error(
            400, CODE_UNKNOWN_SETTING, f"Unrecognized zone setting name: {setting_id}"
        )


def modified_on(zone, key):
    return iso_time(zone.changed[key]) if key in zone.changed else None


def setting_view(sim, zone, setting_id):
    if setting_id == "development_mode":
        now = sim.now()
        on = zone.dev_mode_until > now
        # notes 1.4: time_remaining counts down, and is negative once development mode expired.
        return {
            "id": setting_id,
            "value": "on" if on else "off",
            "editable": True,
            "modified_on": modified_on(zone, "dev_mode"),
            "time_remaining": zone.dev_mode_until - now if zone.dev_mode_until else 0,
        }
    setting = SETTINGS[setting_id]
    return {
        "id": setting_id,
        "value": setting.holder.read(zone),
        "editable": setting.editable(zone),
        "modified_on": modified_on(zone, setting.holder.field),
    }


def write_setting(sim, zone, setting_id, body):
    """Check the value of a {"value": ...} body, then write it (one value of one setting)."""
    value = body.get("value") if isinstance(body, dict) else None
    if setting_id == "development_mode":
        if value not in ON_OFF:
            raise V4Error(
                400,
                CODE_INVALID_VALUE,
                "Invalid value for zone setting development_mode",
            )
        return lambda: switch_development_mode(sim, zone, value)
    setting = SETTINGS[setting_id]
    if isinstance(value, bool) or value not in setting.allowed:
        raise V4Error(
            400, CODE_INVALID_VALUE, f"Invalid value for zone setting {setting_id}"
        )
    if not setting.editable(zone):
        raise V4Error(
            400,
            CODE_NOT_EDITABLE,
            f"Zone setting {setting_id} cannot be changed on the {zone.plan} plan",
        )

    def apply():
        setting.holder.write(zone, value)
        zone.changed[setting.holder.field] = sim.now()

    return apply


def switch_development_mode(sim, zone, value):
    # Shared with v1's devmode: three hours from now, or off.
    zone.dev_mode_until = sim.now() + DEV_MODE_SECONDS if value == "on" else 0
    zone.changed["dev_mode"] = sim.now()


def settings_zone(sim, caller, request, zone_id, permission):
    zone = zone_by_id(sim, caller, zone_id, request.path)
    caller.require(permission, zone)
    return zone


def get_setting(sim, caller, request, zone_id, setting_id):
    zone = settings_zone(sim, caller, request, zone_id, "zone_settings:read")
    known(setting_id)
    return success(setting_view(sim, zone, setting_id))


def edit_setting(sim, caller, request, zone_id, setting_id):
    zone = settings_zone(sim, caller, request, zone_id, "zone_settings:edit")
    known(setting_id)
    write_setting(sim, zone, setting_id, request.json())()
    return success(setting_view(sim, zone, setting_id))


def all_ids():
    return ["development_mode"] + sorted(SETTINGS)


def list_settings(sim, caller, request, zone_id):
    """Deprecated since 2025-04-23, end of life 2027-03-31 (notes 1.4), so still served."""
    zone = settings_zone(sim, caller, request, zone_id, "zone_settings:read")
    return success([setting_view(sim, zone, setting_id) for setting_id in all_ids()])


def edit_settings(sim, caller, request, zone_id):
    """notes 1.4: the body is {"items": [{"id", "value"}]}; without `items`, 1004. All or nothing."""
    zone = settings_zone(sim, caller, request, zone_id, "zone_settings:edit")
    body = request.json()
    items = body.get("items") if isinstance(body, dict) else None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise bad_request("Missing 'items'")
    writes = []
    for item in items:
        known(str(item.get("id")))
        writes.append(write_setting(sim, zone, item["id"], item))
    for write in writes:
        write()
    return success([setting_view(sim, zone, item["id"]) for item in items])
