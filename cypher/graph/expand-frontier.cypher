// One breadth-first step of a neighbourhood: the relationships of the frontier nodes and the nodes at
// their other end, at most $limit rows. The caller walks depth by depth and caps the total.
// params: $frontier: list of entity ids, $limit: integer, $kinds: list of node kinds, $types: list of relationship types (domain/vocabulary.ts)
// returns: source, target, type, node
// mode: read
UNWIND $frontier AS fid
MATCH (f:Entity {id: fid})-[r]-(n:Entity)
WHERE type(r) IN $types
WITH r, n LIMIT $limit
RETURN startNode(r).id AS source, endNode(r).id AS target, type(r) AS type,
       n {.id, .name, .country, .billOfLading, .program, arrivalDate: toString(n.arrivalDate),
          kind: [l IN labels(n) WHERE l IN $kinds][0],
          listed: (n:ListEntry OR EXISTS { (n)-[:LISTED]->(:ListEntry) })} AS node
