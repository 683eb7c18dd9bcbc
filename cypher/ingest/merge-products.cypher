// Makes sure the HS code nodes a batch mentions exist, each linked to its parent code (chapter > heading >
// subheading > national line). Run before the batch's own statement. Reference data: no import ids.
// params: $products: list of {id, code, level, name, parentId} (domain/hs.ts productsOf, parents first)
// returns: products
// mode: write
UNWIND $products AS p
MERGE (n:Entity:Product {id: p.id})
  ON CREATE SET n.code = p.code, n.level = p.level, n.name = p.name
WITH n, p
CALL (n, p) {
  WITH n, p WHERE p.parentId IS NOT NULL
  MATCH (parent:Entity {id: p.parentId})
  MERGE (n)-[:PART_OF]->(parent)
}
RETURN count(n) AS products
