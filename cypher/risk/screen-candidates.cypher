// Screening candidates for a batch of names (POST /api/screen), in one round trip: per query, the best
// fulltext hits on names and aliases (`entity_names`; the Lucene text is built from plain tokens only),
// exact normalised-name matches, and companies holding one of its identifiers (compared lower case; the
// companies are scanned once for the whole batch, only when a query has identifiers). Scoring is
// domain/screening.ts's job; this only gathers.
// params: $queries: list of {key: string, lucene: string ('' for none), normName: string, identifiers: list of lower-case scheme:value}, $identifiers: list of every query's identifiers (lower case), $perQuery: integer (fulltext hits per query), $kinds: list of candidate node kinds
// returns: key, id, kind, name, normName, aliases, country, identifiers, programs
// mode: read
CALL () {
  UNWIND CASE WHEN size($identifiers) > 0 THEN [1] ELSE [] END AS wanted
  MATCH (c:Company) WHERE any(i IN c.identifiers WHERE toLower(i) IN $identifiers)
  RETURN collect(c) AS byIdentifier
}
UNWIND $queries AS q
CALL (q, byIdentifier) {
  WITH q WHERE q.lucene <> ''
  CALL db.index.fulltext.queryNodes('entity_names', q.lucene, {limit: $perQuery}) YIELD node
  RETURN node
  UNION
  MATCH (node:Company {normName: q.normName}) RETURN node
  UNION
  MATCH (node:Facility {normName: q.normName}) RETURN node
  UNION
  MATCH (node:Person {normName: q.normName}) RETURN node
  UNION
  UNWIND [c IN byIdentifier WHERE any(i IN c.identifiers WHERE toLower(i) IN q.identifiers)] AS node
  RETURN node
}
WITH q, node, [l IN labels(node) WHERE l IN $kinds][0] AS kind
WHERE kind IS NOT NULL
RETURN q.key AS key, node.id AS id, kind, node.name AS name, node.normName AS normName,
       coalesce(node.aliases, []) AS aliases, node.country AS country, coalesce(node.identifiers, []) AS identifiers,
       COLLECT { MATCH (node)-[:LISTED]->(le:ListEntry) RETURN DISTINCT le.program } AS programs
