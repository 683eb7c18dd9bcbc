// Recomputes every (Company)-[:SUPPLIES]->(Company) edge going out of the given shippers from all their
// shipments: how many, first and last arrival date, and the HS codes seen (sorted). One pass over each
// shipper's shipments, grouped by consignee. Derived from the shipments alone, so running it again
// changes nothing, and tier-N traversal never walks shipments. Each shipper is write-locked before its
// shipments are read, so two derive jobs (two imports naming one shipper, in any processes) take turns and
// the one that writes last has read everything the other saw.
// params: $shippers: list of company ids
// returns: pairs
// mode: write
UNWIND $shippers AS shipperId
MATCH (a:Entity {id: shipperId})
SET a._lock = true
REMOVE a._lock
WITH a
MATCH (a)-[:SHIPPED]->(s:Shipment)-[:CONSIGNED_TO]->(b:Company)
WITH a, b, count(s) AS shipments, min(s.arrivalDate) AS firstDate, max(s.arrivalDate) AS lastDate, collect(s.hsCodes) AS codeLists
CALL (codeLists) {
  UNWIND codeLists AS codes
  UNWIND codes AS code
  WITH DISTINCT code ORDER BY code
  RETURN collect(code) AS hsCodes
}
MERGE (a)-[r:SUPPLIES]->(b)
SET r.shipments = shipments, r.firstDate = firstDate, r.lastDate = lastDate, r.hsCodes = hsCodes
RETURN count(r) AS pairs
