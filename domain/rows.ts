/** Row formats of every import kind: see domain/sources/. Kept as one import point for the row types. */
export { rowFormats, type RowFormat } from './sources';
export { companyRow, companyColumns, type CompanyRow } from './sources/companies';
export { shipmentRow, shipmentColumns, shipmentColumnsV1, type ShipmentRow } from './sources/shipments';
export { uflpaEntry, type UflpaRow } from './sources/uflpa';
export type { PartyRef } from './fields';
