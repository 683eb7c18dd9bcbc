// One entity by id with its kind, properties and listings.
// params: $id: string, $kinds: list of node kinds (domain/vocabulary.ts)
// returns: kind, properties, listed, listings
// mode: read
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[:LISTED]->(l:ListEntry)
WITH n, collect(l {.id, .program, .sections, .name, effectiveDate: toString(l.effectiveDate)}) AS listings
RETURN [lab IN labels(n) WHERE lab IN $kinds][0] AS kind, properties(n) AS properties,
       (n:ListEntry OR size(listings) > 0) AS listed, listings
