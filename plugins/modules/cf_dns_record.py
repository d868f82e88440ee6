#!/usr/bin/python
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cf_dns_record
short_description: Create, change and remove one DNS record in a CloudFlare zone
version_added: 0.1.0
description:
  - Makes sure one DNS record of a CloudFlare zone is present with the given content and
    attributes, or absent.
  - B(Omitted means untouched.) An attribute the task does not set (O(ttl), O(proxied),
    O(priority)) keeps its current value on an existing record. For example a proxied record
    stays proxied when a later task does not mention O(proxied). A new record gets automatic
    TTL and is not proxied unless the task says otherwise.
  - B(Identity.) A record is identified by its name, type and content, so a task with another
    content is about another record. A CNAME record is identified by its name and type alone,
    so a new content changes the existing CNAME. MX priority and SRV priority are attributes,
    not identity.
  - A change of content (CNAME, or with O(solo=true)) or of an attribute is made in place, so the
    record keeps its id. A record is never deleted and created again to change it.
  - The module reads the records before it writes, and makes only the writes needed; a run
    without change writes nothing. On API v1 it reads the whole zone, so to manage many records
    of a zone there, M(edgeops.cloudflare.cf_dns_records) reads it once for all of them. On
    API v4 it reads only the records of its name, so a run costs the same whatever the size of
    the zone.
  - All options are checked before any call, and every problem is reported at once. Two checks
    need the zone's records and so are made after the read, still before any write. They are a
    CNAME beside other records of the same name, and a missing O(priority) for an MX or SRV
    record that has to be created.
  - If the answer to a create is lost, the module reads the records again and adopts the record
    when it was created, so a retry never creates a duplicate.
author:
  - edgeops.cloudflare contributors (@edgeops)
extends_documentation_fragment:
  - edgeops.cloudflare._auth
  - edgeops.cloudflare._zone
  - edgeops.cloudflare._record
  - edgeops.cloudflare._attributes
  - edgeops.cloudflare._attributes.actiongroup_cloudflare
attributes:
  check_mode:
    support: full
    details:
      - Check mode makes only the read and reports exactly what a real run would change, in
        the same result shape. The id of a record that would be created is V(null).
  diff_mode:
    support: full
    details:
      - The diff shows the records of the name that the task touches, one line per record, before
        and after. See RV(diff).
  idempotent:
    support: full
options:
  solo:
    description:
      - Whether this task owns every record of its name and type.
      - With O(state=present), the record with O(content) is kept (or, when there is none, one
        of the others is changed in place to O(content), keeping its id, or a new one is created)
        and every other record of the name and type is deleted.
      - With O(state=absent), every record of the name and type is deleted, whatever O(content) says.
      - Records of other types are not touched, except those the record cannot exist beside. A
        CNAME replaces every other record of its name, and a record of another type replaces
        the name's CNAME. Without O(solo=true) such a task fails before any change.
      - On API v4 the writes of the task are one batch call, applied whole or not at all and with
        the deletes first, so the name is never without an answer; on API v1 the records are
        deleted first, then the new one is written.
    type: bool
    default: false
  state:
    description:
      - Whether the record should exist.
    type: str
    default: present
    choices:
      - present
      - absent
notes:
  - A CNAME cannot share its name with any other record, so the module refuses to create a
    CNAME beside other records, or another record beside a CNAME, and names the records in the way.
  - Let one writer at a time manage a zone, for example with the task keyword C(throttle) set to 1,
    the play keyword C(serial) set to 1, or one host per zone. The module writes without a lock,
    so two tasks that write the same names of a zone at once (two playbooks, or two hosts of one
    play that manage one zone) can both succeed and leave the records of both, for example two
    records of a name that each O(solo=true) task wanted alone.
  - A create that the API refuses because the record already exists (another writer, or an earlier
    run that was stopped, made it) adopts that record instead of failing.
  - When the Ansible process that started the task is gone (killed, or its terminal closed without
    C(nohup)), the module starts no new call; a write already sent is finished.
seealso:
  - module: edgeops.cloudflare.cf_dns_record_info
    description: Read the records of a zone, in the shape this module returns.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v1_guide.cf_dns_record
    description: What the module sends to API v1, and what a run costs in calls.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v4_guide.cf_dns_record
    description: What the module sends to API v4, and what a run costs in calls.
"""

EXAMPLES = r"""
- name: Point app.example.com at a web server, through CloudFlare's proxy
  edgeops.cloudflare.cf_dns_record:
    zone: example.com
    name: app
    type: A
    content: 203.0.113.50
    proxied: true
  register: app_record

- name: Show the new record's id
  ansible.builtin.debug:
    msg: "app.example.com has record id {{ app_record.record.id }}"

- name: Move the record to another server in place (solo); it stays proxied because proxied is not mentioned
  edgeops.cloudflare.cf_dns_record:
    zone: example.com
    name: App.Example.com.
    type: A
    content: 203.0.113.51
    solo: true

- name: Add an IPv6 address to app.example.com
  edgeops.cloudflare.cf_dns_record:
    zone: example.com
    name: app
    type: AAAA
    content: 2001:db8::50

- name: Make docs.example.com an alias of app.example.com
  edgeops.cloudflare.cf_dns_record:
    zone: example.com
    name: docs
    type: CNAME
    content: app.example.com

- name: Move the alias to www.example.com (a CNAME is identified by its name, so this changes it in place)
  edgeops.cloudflare.cf_dns_record:
    zone: example.com
    name: docs
    type: CNAME
    value: www.example.com

- name: Add a backup mail exchanger
  edgeops.cloudflare.cf_dns_record:
    zone: example.com
    name: "@"
    type: MX
    content: backup-mx.example.net
    priority: 20

- name: Publish a DMARC policy
  edgeops.cloudflare.cf_dns_record:
    zone: example.com
    name: _dmarc
    type: TXT
    content: v=DMARC1; p=none

- name: Tighten it; solo makes this the only TXT record of _dmarc, changed in place
  edgeops.cloudflare.cf_dns_record:
    zone: example.com
    name: _dmarc
    type: TXT
    content: v=DMARC1; p=quarantine
    solo: true

- name: Offer SIP over UDP for the zone (_sip._udp.example.com)
  edgeops.cloudflare.cf_dns_record:
    zone: example.com
    name: "@"
    type: SRV
    service: _sip
    proto: udp
    priority: 10
    weight: 5
    port: 5060
    target: sip.example.com

- name: See what removing the IPv6 address would do, without doing it
  edgeops.cloudflare.cf_dns_record:
    zone: example.com
    name: app
    type: AAAA
    content: 2001:db8::50
    state: absent
  check_mode: true
  diff: true
  register: preview

- name: Show the records the removal would delete, one line each
  ansible.builtin.debug:
    msg: "{{ preview.diff | map(attribute='before') | join }}"

- name: Remove the IPv6 address
  edgeops.cloudflare.cf_dns_record:
    zone: example.com
    name: app
    type: AAAA
    content: 2001:db8::50
    state: absent

- name: Remove every TXT record of _dmarc, whatever its content
  edgeops.cloudflare.cf_dns_record:
    zone: example.com
    name: _dmarc
    type: TXT
    state: absent
"""

RETURN = r"""
api_calls:
  description:
    - How many HTTP requests the task sent to the API, retries included.
  returned: always, also when the task fails after its options were checked
  type: int
  sample: 2
rate_limit_waits:
  description:
    - How often calls of the task waited for the API's rate limit, and for how many seconds in all.
    - The client paces its calls to stay under the limit of 1200 calls in 5 minutes, and waits
      when the API refuses a call for its rate limit (a refusal also gives a warning); both count here.
  returned: always, also when the task fails after its options were checked
  type: dict
  contains:
    count:
      description: How many times a call waited.
      type: int
      returned: always
      sample: 0
    seconds:
      description: The seconds waited in all, to a tenth of a second.
      type: float
      returned: always
      sample: 0.0
record:
  description:
    - The record after the task (what it would be, in check mode), in the normalised form that
      M(edgeops.cloudflare.cf_dns_record_info) also returns.
    - An empty dict with O(state=absent).
  returned: success
  type: dict
  contains:
    id:
      description:
        - The record id. It stays the same when the record is changed.
        - V(null) in check mode for a record that would be created.
      type: str
      returned: when O(state=present)
      sample: "9001"
    name:
      description: Full name of the record, lower case, without a trailing dot.
      type: str
      returned: when O(state=present)
      sample: sub.example.com
    type:
      description: Record type.
      type: str
      returned: when O(state=present)
      sample: A
    content:
      description:
        - The record's data in normalised form; IPv6 addresses compressed, host names lower
          case without a trailing dot, TXT as given.
        - For SRV records C(weight port target).
        - For the structured types of API v4 (CAA, DS, TLSA, ...) their fields in presentation
          form; the record then also carries each field under its option name.
      type: str
      returned: when O(state=present)
      sample: 203.0.113.20
    ttl:
      description: Time to live in seconds; V(1) means automatic.
      type: int
      returned: when O(state=present)
      sample: 1
    proxied:
      description: Whether CloudFlare proxies the record; always V(false) for types that cannot be proxied.
      type: bool
      returned: when O(state=present)
      sample: false
    priority:
      description: Priority of an MX, SRV or URI record, V(null) for other types.
      type: int
      returned: when O(state=present)
      sample: 10
    comment:
      description: The record's comment, V("") when it has none; V(null) on API v1, whose records have none.
      type: str
      returned: when O(state=present)
      sample: web front end
    tags:
      description: The record's tags (C(name:value), sorted); V(null) on API v1, whose records have none.
      type: list
      elements: str
      returned: when O(state=present)
      sample: [owner:web]
    settings:
      description:
        - Each setting of the record's type (C(ipv4_only), C(ipv6_only), and C(flatten_cname) for
          CNAME records), V(true) or V(false).
        - V(null) on API v1, whose records have none.
      type: dict
      returned: when O(state=present)
      sample: {ipv4_only: false, ipv6_only: false}
    service:
      description: Service of an SRV record.
      type: str
      returned: for SRV records
      sample: _sip
    proto:
      description: Protocol of an SRV record.
      type: str
      returned: for SRV records
      sample: _tcp
    weight:
      description: Weight of an SRV record.
      type: int
      returned: for SRV records
      sample: 5
    port:
      description: Port of an SRV record.
      type: int
      returned: for SRV records
      sample: 5060
    target:
      description: Target host of an SRV record.
      type: str
      returned: for SRV records
      sample: sip.example.com
diff:
  description:
    - The change, as Ansible shows it with C(--diff), in check mode too.
    - One item for the record's name, with the records the task touches before and after, one
      line per record (type, content, TTL, proxy state, priority; no id, so check mode shows
      what the real run shows). A created record is a C(+) line, a deleted one a C(-) line, a
      changed one a C(-)/C(+) pair; the record a O(solo=true) task keeps shows on both sides.
    - Empty when nothing changes.
  returned: in diff mode
  type: list
  elements: dict
  sample:
    - before_header: sub.example.com
      after_header: sub.example.com
      before: "A 203.0.113.20 ttl=1 proxied=false\n"
      after: "A 203.0.113.20 ttl=300 proxied=false\n"
"""

from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    CloudflareModule,
    run,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.dns_record import (
    ensure_record,
    module_spec,
)


def main() -> None:
    run(CloudflareModule(**module_spec().to_kwargs()), ensure_record)


if __name__ == "__main__":
    main()
