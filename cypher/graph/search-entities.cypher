// Fulltext search over names, aliases and normalised names of companies and list entries.
// params: $query: string (a Lucene query the caller builds from plain tokens only), $limit: integer, $kinds: list of node kinds (domain/vocabulary.ts)
// returns: id, kind, name, country, aliases, listed, score
// mode: read
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $limit}) YIELD node, score
RETURN node.id AS id, [l IN labels(node) WHERE l IN $kinds][0] AS kind, node.name AS name, node.country AS country,
       coalesce(node.aliases, []) AS aliases, (node:ListEntry OR EXISTS { (node)-[:LISTED]->(:ListEntry) }) AS listed, score
ORDER BY score DESC, name
