// Graph-view summaries (id, label fields, kind, listed) of the given entities.
// params: $ids: list of entity ids, $kinds: list of node kinds (domain/vocabulary.ts)
// returns: node
// mode: read
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n {.id, .name, .country, .billOfLading, .program, arrivalDate: toString(n.arrivalDate),
          kind: [l IN labels(n) WHERE l IN $kinds][0],
          listed: (n:ListEntry OR EXISTS { (n)-[:LISTED]->(:ListEntry) })} AS node
