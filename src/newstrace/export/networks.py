"""The record as a network for Gephi, Cytoscape or networkx (GEXF, GraphML): nodes are
entities (people, organisations, states, outlets), edges who quotes whom and who acts on whom.

- `quotes`: a speaker → each entity named inside their words;
- `relays`: along a statement's chain, each carrier → the one whose words it carries (the
  medium → the speaker, the first relay → the medium or speaker, … the publisher → the
  outlet before it);
- `acts`: an event's actor → its target or recipient, one edge per event type, for events
  reported as asserted (not negated, hypothetical or background).

Edges are keyed by (source, target, relation and event type) and carry `relation`,
`event_type` (empty but for `acts`), `weight` (the reports behind the edge) and the first and
last date of those reports (the date said or the event's date, else the publication date;
ISO strings, empty when unknown). Nodes carry `label` (the canonical name), `type`, `mentions`
and `documents`. The graph is built in memory (a network file is written whole), from the
documents one at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from newstrace.models import Analysis, Entity, Quote

# Statuses under which an event did not take place as told: no one acted on anyone.
NOT_ASSERTED = ("negated", "hypothetical", "background")
# Roles an actor acts on.
OBJECT_ROLES = ("target", "recipient")


def build_network(analyses: Iterable[Analysis]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    mentions: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    entities: dict[str, Entity] = {}
    for analysis in analyses:
        for entity in analysis.entities:
            mentions[entity.id] += len(entity.mentions)
            documents[entity.id] += 1
            entities.setdefault(entity.id, entity)
        _add_document(graph, analysis)
    for node, data in graph.nodes(data=True):
        entity = entities.get(node) or Entity(node, "", node)  # a dangling id: kept, unnamed
        data.update(label=entity.name, type=entity.type, mentions=mentions[node],
                    documents=documents[node])
    return graph


def _add_document(graph: nx.MultiDiGraph, analysis: Analysis) -> None:
    published = analysis.document.published.isoformat() if analysis.document.published else ""
    for quote in analysis.quotes:
        said = quote.date or published
        if quote.speaker:
            for named in sorted(_named_in(analysis, quote) - {quote.speaker}):
                _add_edge(graph, quote.speaker, named, "quotes", "", said)
        chain = [i for i in (quote.speaker, quote.medium, *quote.relays) if i]
        for carried, carrier in zip(chain, chain[1:], strict=False):
            if carrier != carried:
                _add_edge(graph, carrier, carried, "relays", "", said)
    for event in analysis.events:
        actor = event.args.get("actor")
        if event.status in NOT_ASSERTED or not isinstance(actor, str):
            continue
        for role in OBJECT_ROLES:
            value = event.args.get(role)
            for target in (value if isinstance(value, list) else [value] if value else []):
                if target != actor:
                    _add_edge(graph, actor, target, "acts", event.type, event.date or published)


def _named_in(analysis: Analysis, quote: Quote) -> set[str]:
    return {mention.entity_id for entity in analysis.entities for mention in entity.mentions
            if mention.entity_id and quote.content.contains(mention.span)}


def _add_edge(graph: nx.MultiDiGraph, source: str, target: str, relation: str,
              event_type: str, day: str) -> None:
    key = f"{relation}:{event_type}" if event_type else relation
    if graph.has_edge(source, target, key):
        data = graph.edges[source, target, key]
        data["weight"] += 1
        if day:
            data["first_date"] = min(filter(None, (data["first_date"], day)))
            data["last_date"] = max(data["last_date"], day)
        return
    graph.add_edge(source, target, key, relation=relation, event_type=event_type, weight=1,
                   first_date=day, last_date=day)


def write_gexf(analyses: Iterable[Analysis], out: BinaryIO | Path) -> dict[str, int]:
    graph = build_network(analyses)
    nx.write_gexf(graph, out)
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}


def write_graphml(analyses: Iterable[Analysis], out: BinaryIO | Path) -> dict[str, int]:
    graph = build_network(analyses)
    nx.write_graphml(graph, out)
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
