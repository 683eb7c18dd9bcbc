// Every relationship (of the given types) whose both ends are among the given entities.
// params: $ids: list of entity ids, $types: list of relationship types (domain/vocabulary.ts)
// returns: source, target, type
// mode: read
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b:Entity)
WHERE type(r) IN $types AND b.id IN $ids
RETURN a.id AS source, b.id AS target, type(r) AS type
