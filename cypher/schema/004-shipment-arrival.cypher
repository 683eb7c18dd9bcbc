// Range index on shipment arrival dates, for date-window queries over manifests.
// params: none
// returns: nothing
// mode: write
CREATE RANGE INDEX shipment_arrival IF NOT EXISTS FOR (s:Shipment) ON (s.arrivalDate)
