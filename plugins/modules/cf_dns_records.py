#!/usr/bin/python
# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cf_dns_records
short_description: Manage many DNS records of a CloudFlare zone in one task
version_added: 0.1.0
description:
  - Makes the DNS records of a CloudFlare zone match a list. Each item of O(records) takes the
    same keys, and means the same, as the options of M(edgeops.cloudflare.cf_dns_record).
  - B(One read.) The zone's records are read once for the whole list, however many records it
    holds; then only the changes are written. A run with nothing to change writes nothing.
  - B(Omitted means untouched), as in M(edgeops.cloudflare.cf_dns_record). A record's TTL,
    proxied state and priority stay as they are when its item does not set them, and a change
    is made in place, keeping the record's id.
  - B(Only what is listed is touched), unless O(prune=true). Then every record of the zone that
    no item names is deleted, so the list describes the whole zone.
  - B(Batches, on API v4.) The changes go to CloudFlare's batch endpoint, up to the zone's limit
    per call (200 changes on the Free plan, 3,500 on the paid plans; O(batch_size) lowers it),
    so 1,000 records are created in 5 calls on a Free zone and in 1 on a paid one. A batch is one
    transaction, so all of its changes are applied, or none. All changes of one record name go in
    the same batch, so a type change (a delete and a create) or a CNAME that replaces the other
    records of its name lands whole or not at all. Changes keep what the task does not set (a
    change is a patch of the fields that differ), so a comment or tags set elsewhere survive.
  - B(Concurrent writes, on API v1.) API v1 has one call per record change; up to
    O(concurrency) of them run at the same time, and all of them together stay under the API's
    rate limit.
  - B(Order, on API v1.) The writes run in steps. Records that make room for a CNAME (or a CNAME
    that makes room for other records) are deleted first; any other record is deleted only once
    what replaces it exists. The zone never holds a CNAME beside other records of its name.
  - B(Retry rounds.) When writes fail with a connection or server fault, or the rate limit,
    that outlasted the client's retries, or a write's answer is lost, the module reads the zone
    again, plans afresh and writes what is still missing, in up to three rounds of writes in all
    (five on API v4, where the client never sends a batch twice, so the rounds are its only retries).
    A change counts as applied once the new read shows it, so a write that was carried out
    although its answer was lost is not repeated. An error about one record (such as input the
    API refuses) or about authentication starts no new round, nor does a new plan that would
    delete more than O(max_deletes) allows.
  - B(Batches and faults, on API v4.) A batch whose answer is lost is never sent again as it was;
    the batches after it are still sent (they hold other names), then the zone is read again and
    what is still missing is planned afresh, as above. The same holds for a batch refused because
    the zone changed since it was read (a record to create is already there, one to change or
    delete is gone). A batch the API refuses for any other reason, such as a value it does not
    take, applies nothing and stops the writes. The task fails, naming the change the API blamed,
    the API's reason and the batches applied before it, and the later batches are not sent.
    Running the task again, once the input is fixed, completes the plan.
  - B(Partial failure.) When a write still fails after the retry rounds, the task fails, and
    RV(plan) says of every change whether it was applied, failed (with the error of its first
    round) or not attempted. The writes of later steps are not attempted. A failure that is not
    about one record (authentication, the rate limit, or a connection or server fault that
    outlasted the retries) also stops the writes of its own step that have not started. Nothing
    is rolled back; running the task again reads the zone afresh and completes the plan, without
    creating any record twice.
  - All options are checked before any call, and every problem is reported at once, each
    with the place of its item (V(records[3])). Problems that need the zone's records (a CNAME
    beside other records, a missing O(records[].priority) for an MX or SRV record to create)
    are reported after the read, still before any write.
author:
  - edgeops.cloudflare contributors (@edgeops)
extends_documentation_fragment:
  - edgeops.cloudflare._auth
  - edgeops.cloudflare._zone
  - edgeops.cloudflare._records
  - edgeops.cloudflare._attributes
  - edgeops.cloudflare._attributes.actiongroup_cloudflare
attributes:
  check_mode:
    support: full
    details:
      - Check mode makes only the read and returns the full plan a real run would carry out, with
        the same counts, and RV(api_calls_planned), the calls the real run would make. The id of
        a record that would be created is V(null).
  diff_mode:
    support: full
    details:
      - The diff shows one block per record name the task changes, one line per record, before and
        after; the records it leaves alone are counted, not listed. See RV(diff).
  idempotent:
    support: full
options:
  prune:
    description:
      - Whether to delete every record of the zone that no item of O(records) names.
      - With V(true), the list describes the whole zone. Within a name and type, records no item
        names are first changed in place to what unmatched items ask for, as O(records[].solo) does,
        and only the rest are deleted.
      - With V(false), only the records the items name are touched.
    type: bool
    default: false
  max_deletes:
    description:
      - The most records the task may delete. A plan that deletes more is refused, in check mode
        too, before any write, and the failed result still shows the whole plan.
      - This guards against a list that lost records on the way (a truncated variable file with
        O(prune=true) would delete the whole rest of the zone). A count is used rather than a
        share of the zone because it means the same in every zone. A share large enough not to
        trip on small zones (30 % of 3 records is one record) lets a large zone lose hundreds
        of records.
      - V(0) allows no delete. To make a larger clean-up, raise it for that run, for example to
        the number of deletes a check mode run reported.
    type: int
    default: 10
  batch_size:
    description:
      - On API v4, the most changes one batch call carries, V(1) to V(3500).
      - Without it, the zone's limit is used (200 on the Free plan, 3,500 on the paid plans); a
        larger value than the zone's limit has no effect. A smaller value makes more calls, each
        a transaction of its own.
      - Only for API v4; API v1 refuses it, since it writes one record a call (see O(concurrency)).
    type: int
  concurrency:
    description:
      - On API v1, how many writes may run at the same time, V(1) to V(10). On API v4 the writes
        go in batches, one after another, and this has no effect on them.
      - Writes at the same time pay off because most of a write's time is the round trip to the
        API. At the default, 1,000 changes take seconds where one write after the other takes
        the sum of their round trips.
      - Whatever the concurrency, the client paces all calls of the task to stay under the API
        limit of 1200 calls in 5 minutes, so a plan of more than about 1,200 writes runs at the
        pace of that limit. Each writer keeps its own connection open; the client keeps at most
        10, which is why that is the limit here.
      - V(1) writes one record after the other, in the order of RV(plan).
    type: int
    default: 10
notes:
  - A CNAME cannot share its name with any other record. The module refuses a plan that would leave
    a CNAME beside other records, and names the items in the way. To replace the records of a name by a
    CNAME in one task, list them with O(records[].state=absent) (or use O(prune=true)); they are
    deleted before the CNAME is created.
  - If the answer to a create is lost, the module reads the zone again and adopts the record when
    it was created, so no record is created twice.
  - Let one writer at a time manage a zone, for example with the task keyword C(throttle) set to 1,
    the play keyword C(serial) set to 1, or one host per zone. API v1 has no locking, so two tasks
    that write the same names of a zone at once (two playbooks, or two hosts of one play that
    manage one zone) can both succeed and leave the records of both, for example two records of
    a name that each O(records[].solo=true) task wanted alone.
  - A create that the API refuses because the record already exists (another writer, or an earlier
    run that was stopped, made it) adopts that record instead of failing.
  - When the Ansible process that started the task is gone (killed, or its terminal closed without
    C(nohup)), the module starts no new call; a write already sent is finished.
seealso:
  - module: edgeops.cloudflare.cf_dns_record
    description: Manage one record; the options of each item of O(records) come from it.
  - module: edgeops.cloudflare.cf_dns_record_info
    description: Read the records of a zone, in the shape the items of O(records) take.
  - ref: ansible_collections.edgeops.cloudflare.docsite.api_v1_guide.cf_dns_records
    description: What the module sends to API v1, in which order, and what a run costs in calls.
"""

EXAMPLES = r"""
- name: Make sure these records exist; the other records of the zone are left alone
  edgeops.cloudflare.cf_dns_records:
    zone: example.com
    records:
      - name: "@"
        type: A
        content: 203.0.113.10
      - name: app
        type: A
        content: 203.0.113.50
        proxied: true
      - name: app
        type: AAAA
        content: 2001:db8::50
      - name: www
        type: CNAME
        content: example.com
      - name: "@"
        type: MX
        content: mail.example.com
        priority: 10
      - name: _dmarc
        type: TXT
        content: v=DMARC1; p=none
  register: dns

- name: Show what the task did
  ansible.builtin.debug:
    msg: >-
      {{ dns.created }} created, {{ dns.updated }} updated, {{ dns.deleted }} deleted,
      {{ dns.unchanged }} unchanged, in {{ dns.api_calls }} API calls

- name: Change content and attributes in place; solo makes this the only TXT record at the apex
  edgeops.cloudflare.cf_dns_records:
    zone: example.com
    records:
      - name: "@"
        type: TXT
        content: v=spf1 mx include:_spf.example.net -all
        solo: true
      - name: app
        type: A
        content: 203.0.113.50
        ttl: 300
      - name: www
        type: CNAME
        content: app.example.com

- name: Replace the A record of sub.example.com by a CNAME (the A record is deleted first)
  edgeops.cloudflare.cf_dns_records:
    zone: example.com
    records:
      - name: sub
        type: A
        state: absent
      - name: sub
        type: CNAME
        content: app.example.com

- name: Preview the whole zone as a list, without changing it
  edgeops.cloudflare.cf_dns_records:
    zone: example.com
    prune: true
    records: &whole_zone
      - {name: "@", type: A, content: 203.0.113.10, proxied: true}
      - {name: "@", type: AAAA, content: "2001:db8::10", proxied: true}
      - {name: "@", type: MX, content: mail.example.com, priority: 10}
      - {name: "@", type: TXT, content: v=spf1 mx -all}
      - {name: mail, type: A, content: 203.0.113.25}
      - {name: www, type: CNAME, content: example.com, proxied: true}
      - {name: app, type: A, content: 203.0.113.50, proxied: true}
  check_mode: true
  diff: true
  register: preview

- name: List the records the real run would delete
  ansible.builtin.debug:
    msg: "{{ preview.plan | selectattr('action', 'eq', 'delete') | map(attribute='before.name') | list }}"

- name: Make the zone hold exactly these records, allowing as many deletes as the preview found
  edgeops.cloudflare.cf_dns_records:
    zone: example.com
    prune: true
    max_deletes: "{{ preview.deleted }}"
    records: *whole_zone
  register: converged

- name: Show each write of the plan and what became of it (a failed run lists the same)
  ansible.builtin.debug:
    msg: "{{ item.action }} {{ (item.after or item.before).name }}: {{ item.outcome }}"
  loop: "{{ converged.plan }}"
  loop_control:
    label: "{{ (item.after or item.before).name }}"
"""

RETURN = r"""
api_calls:
  description:
    - How many HTTP requests the task sent to the API, retries included.
  returned: always, also when the task fails after its options were checked
  type: int
  sample: 6
api_calls_planned:
  description:
    - How many HTTP requests the task needs when nothing goes wrong, the reads it made included
      (one per batch on API v4; one per write on API v1, two for a proxied create). In check
      mode, what the real run would send; compare with RV(api_calls), the calls sent.
    - A fault (a lost answer, a retry) makes RV(api_calls) larger.
  returned: success, and when writes failed or O(max_deletes) refused the plan
  type: int
  sample: 7
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
zone:
  description: The zone, normalised (lower case, no trailing dot).
  returned: success, and when writes failed or O(max_deletes) refused the plan
  type: str
  sample: example.com
created:
  description:
    - How many records were created (would be created, in check mode).
    - When the task fails, how many creates were applied before it did.
  returned: success, and when writes failed or O(max_deletes) refused the plan
  type: int
  sample: 2
updated:
  description: How many records were changed in place (would be, in check mode).
  returned: success, and when writes failed or O(max_deletes) refused the plan
  type: int
  sample: 1
deleted:
  description: How many records were deleted (would be, in check mode).
  returned: success, and when writes failed or O(max_deletes) refused the plan
  type: int
  sample: 0
unchanged:
  description: How many items of O(records) with O(records[].state=present) found their record as asked.
  returned: success, and when writes failed or O(max_deletes) refused the plan
  type: int
  sample: 997
plan:
  description:
    - Every write of the plan, in the order it is carried out, with what became of it. On API v1
      that is the order of its steps; on API v4 the changes are grouped by record name, each
      name's deletes first, then its changes in place, then its creates.
    - Empty when nothing needs to change.
  returned: success, and when writes failed or O(max_deletes) refused the plan
  type: list
  elements: dict
  contains:
    action:
      description: What the write does.
      type: str
      returned: always
      choices:
        - create
        - update
        - delete
      sample: update
    before:
      description:
        - The record before the write, in the form M(edgeops.cloudflare.cf_dns_record) returns
          as its C(record) (C(id), C(name), C(type), C(content), C(ttl), C(proxied), C(priority),
          and the SRV fields for SRV records).
        - V(null) for a create.
      type: dict
      returned: always
      sample:
        id: "9001"
        name: sub.example.com
        type: A
        content: 203.0.113.20
        ttl: 1
        proxied: false
        priority: null
    after:
      description:
        - The record after the write, in the same form; as the API reported it when the write
          was applied, as planned otherwise (a record to create then has no id).
        - V(null) for a delete.
      type: dict
      returned: always
      sample:
        id: "9001"
        name: sub.example.com
        type: A
        content: 203.0.113.20
        ttl: 300
        proxied: false
        priority: null
    outcome:
      description:
        - V(planned) in check mode; V(applied), V(failed) or V(not_attempted) in a real run.
        - A plan refused by O(max_deletes) lists every write as V(not_attempted).
        - On API v4, the changes of a refused batch other than the one the API blamed are
          V(not_attempted) too, since a batch applies all of its changes or none.
      type: str
      returned: always
      choices:
        - planned
        - applied
        - failed
        - not_attempted
      sample: applied
    error:
      description:
        - Why the write failed; V(null) unless RV(plan[].outcome=failed).
        - A failed proxied create may have created the record without the proxy; the next run
          turns the proxy on.
      type: str
      returned: always
      sample: null
diff:
  description:
    - The changes, as Ansible shows them with C(--diff), in check mode too.
    - One item per record name the task changes, in DNS order (the apex first), with the name's
      touched records before and after, one line per record (type, content, TTL, proxy state,
      priority; no id, so check mode shows what the real run shows). A created record is a
      C(+) line, a deleted one a C(-) line, a changed one a C(-)/C(+) pair. Records of that
      name an item finds as it asks show on both sides.
    - A last item (C(prepared)) counts the changes and the records left unchanged, which are
      not listed.
  returned: in diff mode
  type: list
  elements: dict
  sample:
    - before_header: sub.example.com
      after_header: sub.example.com
      before: "A 203.0.113.20 ttl=1 proxied=false\n"
      after: "A 203.0.113.20 ttl=300 proxied=false\n"
    - prepared: "example.com: 0 created, 1 updated, 0 deleted; 997 unchanged (not shown)\n"
"""

from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.base import (
    CloudflareModule,
    run,
)
from ansible_collections.edgeops.cloudflare.plugins.module_utils._module.dns_records import (
    ensure_records,
    module_spec,
)


def main() -> None:
    run(CloudflareModule(**module_spec().to_kwargs()), ensure_records)


if __name__ == "__main__":
    main()
