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
          - API v4 also has V(CAA), V(CERT), V(DNSKEY), V(DS), V(HTTPS), V(NAPTR), V(OPENPGPKEY),
            V(PTR), V(SMIMEA), V(SSHFP), V(SVCB), V(TLSA) and V(URI), and has no V(SPF), so write an
            SPF record as V(TXT) with the same content.
        type: str
        required: true
      content:
        description:
          - The record's data. Required with O(records[].state=present), except for records given by their
            fields (SRV and the structured types of API v4).
          - V(A) an IPv4 address, V(AAAA) an IPv6 address (compared in compressed form), V(CNAME),
            V(MX), V(NS) and V(PTR) a host name (case and a trailing dot do not matter), V(TXT) and
            V(SPF) text (compared exactly, except that one quoted string, or text split into quoted
            strings of 255 bytes, is the text it holds), V(LOC) the RFC 1876 text form
            (V(51 30 12.748 N 0 7 39.611 W 0.00m), returned with every field written out),
            V(OPENPGPKEY) the key in Base64.
          - For O(records[].type=SRV), C(weight port target), as M(edgeops.cloudflare.cf_dns_record_info)
            returns it, instead of O(records[].weight), O(records[].port) and O(records[].target).
          - For the structured types, their fields in DNS presentation form instead of the field
            options, for example V(0 issue "letsencrypt.org") for CAA, C(weight "target") for URI
            (whose priority is O(records[].priority)). Numbers, the case of hex digits and host names, spaces
            in hex and Base64 and the quotes of text fields do not matter.
          - With O(records[].state=absent), only records with this content are removed; when it is left out,
            every record of the name and type is removed.
        type: raw
        aliases:
          - value
      ttl:
        description:
          - Time to live in seconds, V(1) for automatic, else from V(120) (API v1) or V(60) (API v4)
            to V(86400).
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
          - Priority of an MX, SRV or URI record (V(0) to V(65535)).
          - Required to create an MX, SRV or URI record; when left out, an existing record keeps its
            priority. An attribute, not part of the record's identity.
          - For O(records[].type=HTTPS) and O(records[].type=SVCB) (API v4 only), the SvcPriority, part of the record's
            content; V(0) is alias mode.
        type: raw
      comment:
        description:
          - A note on the record; it has no effect on DNS answers. API v4 only.
          - One line. API v4 takes up to 100 characters on the Free plan and 500 on paid plans.
          - V("") removes it; when left out, an existing record keeps its comment.
        type: str
      tags:
        description:
          - Tags of the record, each C(name:value), the name of letters, digits, V(-) and V(_).
            They have no effect on DNS answers. API v4 only, and paid plans only.
          - A set, so order, repeats and the case of the names do not matter.
          - V([]) removes them all; when left out, an existing record keeps its tags.
        type: list
        elements: str
      settings:
        description:
          - Record settings, each V(true) or V(false). API v4 only.
          - C(ipv4_only) and C(ipv6_only) (any type, not both) make CloudFlare answer for the
            record with only IPv4 or only IPv6 addresses; C(flatten_cname) (CNAME records, paid
            plans) answers for the CNAME with the addresses of its target.
          - The settings given are the record's settings, and one left out is off. When the option is
            left out, an existing record keeps its settings.
        type: dict
      service:
        description:
          - Service of an SRV record, such as V(_sip) (the leading underscore may be left out).
          - May be left out when O(records[].name) starts with it.
          - For O(records[].type=NAPTR) (API v4 only), the service field, such as V(E2U+sip) (may be empty).
        type: str
      proto:
        description:
          - Protocol of an SRV record, V(_tcp), V(_udp) or V(_tls) (the underscore may be left out,
            case does not matter).
          - May be left out when O(records[].name) starts with C(_service._proto).
        type: str
      weight:
        description:
          - Weight of an SRV or URI record (V(0) to V(65535)). Part of the record's content.
        type: raw
      port:
        description:
          - Port of an SRV record (V(0) to V(65535)). Part of the record's content.
        type: raw
      target:
        description:
          - Target host of an SRV record, or of an HTTPS or SVCB record (API v4 only; V(.) for the
            record's own name); the target URI of a URI record (API v4 only). Part of the record's
            content.
        type: str
      flags:
        description:
          - Flags of a CAA record (V(0) to V(255)), of a DNSKEY record (V(0) to V(65535); V(257) for
            a key signing key), or of a NAPTR record (letters and digits, such as V(U); may be
            empty). API v4 only. Part of the record's content.
        type: raw
      tag:
        description:
          - Property of a CAA record, V(issue), V(issuewild) or V(iodef) (case does not matter).
            API v4 only. Part of the record's content.
        type: str
      caa_value:
        description:
          - Value of a CAA record, such as the domain of a certificate authority
            (V(letsencrypt.org)) or, for V(iodef), a URL. API v4 only. Part of the record's content.
        type: str
      svc_params:
        description:
          - SvcParams of an HTTPS or SVCB record, separated by spaces, such as V(alpn=h3,h2 port=443).
            Empty (the default) in alias mode (O(records[].priority=0)). API v4 only. Part of the record's
            content.
        type: str
      cert_type:
        description:
          - Certificate type of a CERT record (V(0) to V(65535); V(1) for X.509). API v4 only. Part
            of the record's content.
        type: raw
      key_tag:
        description:
          - Key tag of a CERT or DS record (V(0) to V(65535)). API v4 only. Part of the record's
            content.
        type: raw
      algorithm:
        description:
          - DNSSEC algorithm number of a CERT, DNSKEY or DS record, or key algorithm of an SSHFP
            record (V(0) to V(255)). API v4 only. Part of the record's content.
        type: raw
      certificate:
        description:
          - Certificate of a CERT record (Base64), or certificate association data of a TLSA or
            SMIMEA record (hex). Spaces and the case of hex digits do not matter. API v4 only. Part
            of the record's content.
        type: str
      protocol:
        description:
          - Protocol of a DNSKEY record; always V(3), the default. API v4 only.
        type: raw
      public_key:
        description:
          - Public key of a DNSKEY record, in Base64 (spaces do not matter). API v4 only. Part of
            the record's content.
        type: str
      digest_type:
        description:
          - Digest type of a DS record (V(0) to V(255); V(2) for SHA-256). API v4 only. Part of the
            record's content.
        type: raw
      digest:
        description:
          - Digest of a DS record, in hex (spaces and case do not matter; 40, 64 or 96 digits for
            digest types 1, 2 and 4). API v4 only. Part of the record's content.
        type: str
      usage:
        description:
          - Certificate usage of a TLSA or SMIMEA record (V(0) to V(255)). API v4 only. Part of the
            record's content.
        type: raw
      selector:
        description:
          - Selector of a TLSA or SMIMEA record (V(0) to V(255)). API v4 only. Part of the record's
            content.
        type: raw
      matching_type:
        description:
          - Matching type of a TLSA or SMIMEA record (V(0) to V(255)). API v4 only. Part of the
            record's content.
        type: raw
      fingerprint_type:
        description:
          - Fingerprint type of an SSHFP record (V(0) to V(255); V(2) for SHA-256). API v4 only.
            Part of the record's content.
        type: raw
      fingerprint:
        description:
          - Fingerprint of an SSHFP record, in hex (spaces and case do not matter; 40 or 64 digits
            for fingerprint types 1 and 2). API v4 only. Part of the record's content.
        type: str
      order:
        description:
          - Order of a NAPTR record (V(0) to V(65535)). API v4 only. Part of the record's content.
        type: raw
      preference:
        description:
          - Preference of a NAPTR record (V(0) to V(65535)). API v4 only. Part of the record's
            content.
        type: raw
      regex:
        description:
          - Regular expression of a NAPTR record (may be empty). API v4 only. Part of the record's
            content.
        type: str
      replacement:
        description:
          - Replacement host of a NAPTR record, V(.) for none. API v4 only. Part of the record's
            content.
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
