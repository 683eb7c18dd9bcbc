// The shippers named by one import's shipments: the companies whose outgoing SUPPLIES edges that import
// may have changed.
// params: $importId: string
// returns: shipper
// mode: read
MATCH (s:Shipment) WHERE $importId IN s.importIds
MATCH (a:Company)-[:SHIPPED]->(s)
RETURN DISTINCT a.id AS shipper
