"""Small documents with real structure for the directory tests: a progress report, web pages, minutes."""

from __future__ import annotations

from pathlib import Path

from assistant.chunking import split_document
from assistant.directory import DocumentEntries, extract_document
from assistant.ingest import load_document
from assistant.types import Document, DocumentInfo, Page

REPORT = """---
title: Harbour progress report
date: "2019"
doc_type: report
organisation: Harbour Partners
---

# Part 1: Background

## Context

In 2017 the Harbour Vision was launched with two ambitions.

## Our Ambitions

1. Keep people well
2. Grow the economy

# Part 2: Progress Update

## Highlights

- Trained 8,000 residents in first aid
- Prevented 496 households from becoming homeless over two years

# Keep people well

In Harbour over 19,000 people are currently living with dementia.

For example:

- London residents are moving to Harbour in growing numbers.

This includes:

- Tidewater Forest Initiative - we are planting 375,000 trees with Green Trust and Blue Council.
- The launch of Harbour Unites boosting civic pride across the county.

"Harbour Unites has brought us together" Jane Doe - Harbour Council

## Case Study: Memory Cafe Network

The network supports people living with dementia in every town. It was delivered with Alzheimer's Society, PA Consulting and TechUK.

## Coastal Carers Partnership

The partnership brings together carers and services across the coast.

## Harbour Prevents

This partnership programme prevented 496 households from becoming homeless over two years.

# Grow the economy

## Skills Fund

A £2m fund delivered with Acme College to train 500 residents in digital skills.

## First Aid Training

The programme trained 8,000 residents in first aid.

# Part 3: Next Steps

## Actions

1. Develop a scorecard to support delivery of our shared ambitions
"""

PAGE = """---
title: Harbour partnerships
date: "2021-05-01"
doc_type: web page
---

# Harbour Partners

Harbour Partners is responsible for leading the delivery of the Harbour Vision.

Harbour Partners is chaired by the Leader of Harbour Council, Cllr Ann Smith and meets quarterly.

The members of Harbour Partners include councils, the police, universities and the voluntary sector.

# Harbour Assembly

The Harbour Assembly meets twice a year in March and September and brings together more than 100 leaders.

# Harbour Coordination Group

The Harbour Strategic Coordination Group works to align strategies and reports to Harbour Partners.

# Safety

The chair of Safer Harbour is Nicola Reed, Chief Executive of Dune District Council.
"""

OLD_PAGE = """---
title: Harbour partnerships (old)
date: "2016"
doc_type: news
---

# Launch

"This is a new start," said Cllr Tom Brown, Chair of the Harbour Partners.

The Greater Harbour Leadership Collaborative is a new programme for senior officers.
"""

MINUTES = """HARBOUR COUNCIL

CABINET

MINUTES of a meeting of the Cabinet held in the Council Chamber, Harbour Hall on Thursday, 9 January 2025.
PRESENT: Mr A Gold (Chairman), Mrs B Silver, Mr C Bronze, OBE and Ms D Iron
IN ATTENDANCE: Mr E Lead (Chief Executive)
UNRESTRICTED ITEMS
10. Apologies (Item 1)
No apologies were received.
11. Minutes of the Meeting held on 1 December 2024 (Item 2)
RESOLVED that the minutes of the meeting were a correct record and that they be signed by the Chair
12. Harbour Budget Update (Item 3)
1. Mr Lead introduced the report.
2. Ms Iron offered to circulate the figures to Members before the next meeting.
3. Mr Bronze proposed and Ms Iron seconded the following amendment:
Defer the budget by one month.
Amendment lost.
4. RESOLVED that Cabinet:
1. Agree the budget;
2. Note the risks.
13. Election of Vice-Chair (Item 4)
1. Mr Gold proposed, and Mrs Silver seconded, that Mr Bronze be elected Vice-Chair. Agreed unanimously.
2. RESOLVED that Mr Bronze be elected Vice-Chair.
14. Any Other Business (Item 5)
Action: Clerk to circulate the slides to all Members.
"""


def write(tmp_path: Path, name: str, text: str) -> Document:
    """A Markdown document written to tmp_path and loaded like any other file."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_document(path)


def extract(document: Document) -> DocumentEntries:
    return extract_document(document, split_document(document))


def minutes_document(text: str = MINUTES) -> Document:
    """Minutes as the PDF loader gives them: one page of text, one line per paragraph."""
    info = DocumentInfo(
        "cabinet-2025-01-09",
        "Harbour Council – Cabinet – minutes",
        "cabinet.pdf",
        "2025-01-09",
        "minutes",
        "Harbour Council",
    )
    return Document(info, (Page(1, text),), "hash")
