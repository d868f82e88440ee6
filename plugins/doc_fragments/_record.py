# Copyright (c) 2026, edgeops.cloudflare contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Note that this doc fragment is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

from __future__ import annotations


class ModuleDocFragment:
    """The options that describe one DNS record: those of cf_dns_record, and of each item of cf_dns_records' records.

    This is the only copy of their text. scripts/update_doc_fragments.py writes it, as the
    sub-options of ``records``, into _records.py (ansible-core merges fragment options one level
    deep only, so a module cannot take sub-options from a fragment): edit here, then run it.
    References to these options are written O(name); the script makes them O(records[].name).
    """

    DOCUMENTATION = r"""
options:
  name:
    description:
      - Name of the record.
      - A label relative to the zone (V(www), V(_dmarc), V(*.dev)), V(@) for the zone apex, or a
        full name in the zone (V(www.example.com)). A trailing dot and case do not matter, and
        all forms of one name mean the same record.
      - A name ending in a dot that is not in the zone (V(www.example.org.)) is an error. A name
        without the dot that does not end in the zone name is relative to it.
      - Internationalised names are converted to punycode.
      - For O(type=SRV), the name the service is offered under (V(@) for the zone itself); the
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
      - The record's data. Required with O(state=present), except for SRV records given by
        their fields.
      - V(A) an IPv4 address, V(AAAA) an IPv6 address (compared in compressed form), V(CNAME),
        V(MX) and V(NS) a host name (case and a trailing dot do not matter), V(TXT) and V(SPF)
        text (compared exactly), V(LOC) the RFC 1876 text form
        (V(51 30 12.748 N 0 7 39.611 W 0.00m)).
      - For O(type=SRV), C(weight port target), as M(edgeops.cloudflare.cf_dns_record_info)
        returns it, instead of O(weight), O(port) and O(target).
      - With O(state=absent), only records with this content are removed; when it is left out,
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
      - May be left out when O(name) starts with it.
    type: str
  proto:
    description:
      - Protocol of an SRV record, V(_tcp), V(_udp) or V(_tls) (the underscore may be left out,
        case does not matter).
      - May be left out when O(name) starts with C(_service._proto).
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
"""
