// One breadth-first step of a neighbourhood: up to $limit nodes not yet seen that are linked to the
// frontier. The caller walks depth by depth, then fetches the edges among everything it kept.
// params: $frontier: list of entity ids, $seen: list of entity ids already in the neighbourhood, $limit: integer, $kinds: list of node kinds, $types: list of relationship types (domain/vocabulary.ts)
// returns: node
// mode: read
UNWIND $frontier AS fid
MATCH (f:Entity {id: fid})-[r]-(n:Entity)
WHERE type(r) IN $types AND NOT n.id IN $seen
WITH DISTINCT n LIMIT $limit
RETURN n {.id, .name, .country, .billOfLading, .program, arrivalDate: toString(n.arrivalDate),
          kind: [l IN labels(n) WHERE l IN $kinds][0],
          listed: (n:ListEntry OR EXISTS { (n)-[:LISTED]->(:ListEntry) })} AS node
