// Reads a subgraph to export: the entities of the given kinds within $depth (1-3) hops of the seeds $ids over
// the given relationship types, walked hop by hop (each hop keeps at most $limit new nodes, so hubs cost no
// more than the limit), the seeds first, then hop 1, 2, 3, at most $limit in all; and every relationship
// of those types among the nodes kept. `missing` lists the seeds that are not entities of those kinds;
// `truncated` says whether nodes were left out.
// params: $ids: list of entity ids, $depth: integer, $limit: integer, $kinds: list of node kinds (domain/ftm.ts), $types: list of relationship types (domain/ftm.ts)
// returns: missing, nodes, relationships, truncated
// mode: read
OPTIONAL MATCH (s:Entity) WHERE s.id IN $ids AND any(l IN labels(s) WHERE l IN $kinds)
WITH collect(s) AS seeds
CALL (seeds) {
  UNWIND CASE WHEN $depth >= 1 THEN seeds ELSE [] END AS a
  MATCH (a)-[r]-(b:Entity)
  WHERE type(r) IN $types AND any(l IN labels(b) WHERE l IN $kinds) AND NOT b IN seeds
  WITH DISTINCT b LIMIT $limit + 1
  RETURN collect(b) AS hop1
}
CALL (seeds, hop1) {
  UNWIND CASE WHEN $depth >= 2 THEN hop1 ELSE [] END AS a
  MATCH (a)-[r]-(b:Entity)
  WHERE type(r) IN $types AND any(l IN labels(b) WHERE l IN $kinds) AND NOT b IN seeds AND NOT b IN hop1
  WITH DISTINCT b LIMIT $limit + 1
  RETURN collect(b) AS hop2
}
CALL (seeds, hop1, hop2) {
  UNWIND CASE WHEN $depth >= 3 THEN hop2 ELSE [] END AS a
  MATCH (a)-[r]-(b:Entity)
  WHERE type(r) IN $types AND any(l IN labels(b) WHERE l IN $kinds) AND NOT b IN seeds AND NOT b IN hop1 AND NOT b IN hop2
  WITH DISTINCT b LIMIT $limit + 1
  RETURN collect(b) AS hop3
}
WITH seeds, seeds + hop1 + hop2 + hop3 AS reached
WITH seeds, reached[0..$limit] AS kept, size(reached) > $limit AS truncated
CALL (kept) {
  UNWIND kept AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE type(r) IN $types AND b IN kept
  // Keys other than `type` and `properties`: a map with those reads as a relationship to core/neo4j.ts toPlain.
  RETURN collect({rel: type(r), source: a.id, target: b.id, props: properties(r)}) AS relationships
}
RETURN [id IN $ids WHERE NOT id IN [s IN seeds | s.id]] AS missing,
       [n IN kept | {id: n.id, kind: [l IN labels(n) WHERE l IN $kinds][0], props: properties(n)}] AS nodes,
       relationships, truncated
