// All shortest paths (up to $cap of them) between two entities over the given relationship types, in
// either direction, at most $maxHops long (the pattern itself stops at 6, the API's largest maxHops).
// Each path comes back as its node summaries (as graph/get-nodes) and its relationships with their
// real direction, ready for Cytoscape elements.
// params: $from: string, $to: string, $types: list of relationship types (domain/vocabulary.ts), $maxHops: integer (1..6), $cap: integer, $kinds: list of node kinds
// returns: nodes, edges
// mode: read
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = ALL SHORTEST (a)(()-[r]-() WHERE type(r) IN $types){1,6}(b)
WHERE length(p) <= $maxHops
WITH p LIMIT $cap
RETURN [n IN nodes(p) | n {.id, .name, .country, .billOfLading, .program, arrivalDate: toString(n.arrivalDate),
          kind: [l IN labels(n) WHERE l IN $kinds][0],
          listed: (n:ListEntry OR EXISTS { (n)-[:LISTED]->(:ListEntry) })}] AS nodes,
       [rel IN relationships(p) | {source: startNode(rel).id, target: endNode(rel).id, type: type(rel)}] AS edges
