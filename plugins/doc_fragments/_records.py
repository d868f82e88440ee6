# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this doc fragment is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

from __future__ import annotations


class ModuleDocFragment:
    """The ``records`` option of cf_dns_records, whose items take the options of cf_dns_record.

    The sub-options between the BEGIN and END lines are written by scripts/update_doc_fragments.py
    from _record.py (run it after editing that file; the unit tests fail while they differ). The
    rest, the option itself and the keys only an item has, is edited here.
    """

    DOCUMENTATION = r"""
options:
  records:
    description:
      - The records to manage.
      - Each item describes one record, with the keys and meanings of the options of
        M(edgeops.cloudflare.cf_dns_record).
      - Two items that describe the same record (same name and type, and same content except for
        CNAME records) are an error, and so is an item asking for a record beside an item that
        removes every record of that name and type.
      - An empty list with O(prune=true) deletes every record of the zone (within O(max_deletes)).
    type: list
    elements: dict
    required: true
    suboptions:
      # BEGIN the options of _record.py, written by scripts/update_doc_fragments.py
      name:
        description:
          - Name of the record.
          - A label relative to the zone (V(www), V(_dmarc), V(*.dev)), V(@) for the zone apex, or a
            full name in the zone (V(www.example.com)). A trailing dot and case do not matter, and
            all forms of one name mean the same record.
          - A name ending in a dot that is not in the zone (V(www.example.org.)) is an error. A name
            without the dot that does not end in the zone name is relative to it.
          - Internationalised names are converted to punycode.
          - For O(records[].type=SRV), the name the service is offered under (V(@) for the zone itself); the
            record's own name is then C(_service._proto.name). A name that already starts with
            C(_service._proto.) is taken as the SRV record's own name.
        type: str
        default: '@'
        aliases:
          - record
      type:
        description:
          - Record type.
          - One of V(A), V(AAAA), V(CNAME), V(MX), V(TXT), V(SPF), V(NS), V(SRV) and V(LOC), in any case.
        type: str
        required: true
      content:
        description:
          - The record's data. Required with O(records[].state=present), except for SRV records given by
            their fields.
          - V(A) an IPv4 address, V(AAAA) an IPv6 address (compared in compressed form), V(CNAME),
            V(MX) and V(NS) a host name (case and a trailing dot do not matter), V(TXT) and V(SPF)
            text (compared exactly), V(LOC) the RFC 1876 text form
            (V(51 30 12.748 N 0 7 39.611 W 0.00m)).
          - For O(records[].type=SRV), C(weight port target), as M(edgeops.cloudflare.cf_dns_record_info)
            returns it, instead of O(records[].weight), O(records[].port) and O(records[].target).
          - With O(records[].state=absent), only records with this content are removed; when it is left out,
            every record of the name and type is removed.
        type: raw
        aliases:
          - value
      ttl:
        description:
          - Time to live in seconds, V(1) for automatic, else between V(120) and V(86400).
          - When left out, an existing record keeps its TTL and a new one gets V(1).
        type: raw
      proxied:
        description:
          - Whether traffic to the record goes through CloudFlare (orange cloud) or only its DNS
            answers (grey cloud).
          - V(true) is possible for A, AAAA and CNAME records, and for A and AAAA only with a public
            address.
          - When left out, an existing record keeps its state and a new one is not proxied.
        type: bool
      priority:
        description:
          - Priority of an MX or SRV record (V(0) to V(65535)).
          - Required to create an MX or SRV record; when left out, an existing record keeps its priority.
          - An attribute, not part of the record's identity.
        type: raw
      service:
        description:
          - Service of an SRV record, such as V(_sip) (the leading underscore may be left out).
          - May be left out when O(records[].name) starts with it.
        type: str
      proto:
        description:
          - Protocol of an SRV record, V(_tcp), V(_udp) or V(_tls) (the underscore may be left out,
            case does not matter).
          - May be left out when O(records[].name) starts with C(_service._proto).
        type: str
      weight:
        description:
          - Weight of an SRV record (V(0) to V(65535)). Part of the record's content.
        type: raw
      port:
        description:
          - Port of an SRV record (V(0) to V(65535)). Part of the record's content.
        type: raw
      target:
        description:
          - Target host of an SRV record. Part of the record's content.
        type: str
      # END the options of _record.py
      id:
        description:
          - Ignored. Accepted so that the records M(edgeops.cloudflare.cf_dns_record_info) returns can
            be given back as they are, for example to restore a zone from an export.
          - Records are found by name, type and content (name and type for a CNAME), never by id, so
            a restore into a zone whose records have other ids works the same.
        type: str
      solo:
        description:
          - Whether the items of this record's name and type are the only records of that name and type.
          - With O(records[].state=present), records of the name and type that no item names are
            changed in place to what the other items of the name and type ask for, as far as they
            go, and deleted otherwise. So O(records[].solo=true) on one item of a name and type is
            enough, and a TXT record changing content keeps its id.
          - With O(records[].state=absent), every record of the name and type is deleted.
          - O(prune=true) treats every item as if it had O(records[].solo=true).
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
"""
