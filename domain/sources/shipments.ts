/**
 * shipments.csv: bills of lading as manifests give them. Parties (shipper, consignee, notify party,
 * declared manufacturer) are named, not keyed: each becomes the company of that normalised name and country.
 */
import { z } from 'zod';
import { productsOf } from '../hs';
import { shipmentId } from '../ids';
import { placesOf } from '../places';
import { blankToUndefined, country, entityName, hsCode, isoDate, optionalNumber, optionalText, party, requiredText } from '../fields';
import type { RowFormat } from './types';

export const shipmentColumns = [
  'bill_of_lading', 'arrival_date', 'shipper', 'shipper_country', 'consignee', 'consignee_country',
  'notify_party', 'notify_party_country', 'manufacturer', 'manufacturer_country', 'hs_codes', 'description',
  'port_of_lading', 'port_of_unlading', 'country_of_origin', 'weight_kg', 'value_usd', 'containers',
] as const;

/** The first layout (one HS code per row, no manufacturer, value or containers): still accepted as it is. */
export const shipmentColumnsV1 = [
  'bill_of_lading', 'arrival_date', 'shipper', 'shipper_country', 'consignee', 'consignee_country',
  'notify_party', 'notify_party_country', 'hs_code', 'description', 'port_of_lading', 'port_of_unlading', 'weight_kg',
] as const;

const optionalParty = z.preprocess(blankToUndefined, entityName.optional());

export const shipmentRow = z
  .object({
    bill_of_lading: requiredText(40).regex(/^[A-Za-z0-9-]+$/, 'may hold only letters, digits and -'),
    arrival_date: isoDate,
    shipper: entityName,
    shipper_country: country,
    consignee: entityName,
    consignee_country: country,
    notify_party: optionalParty,
    notify_party_country: country,
    manufacturer: optionalParty,
    manufacturer_country: country,
    // Several codes separated by | (or ; or ,); each 4-10 digits, dots allowed.
    hs_codes: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(/[|;,]/).map((x) => x.trim()).filter(Boolean) : []),
      z.array(hsCode).max(50, 'has more than 50 codes'),
    ),
    description: optionalText(2000),
    port_of_lading: optionalText(100),
    port_of_unlading: optionalText(100),
    country_of_origin: country,
    weight_kg: optionalNumber({ positive: true }),
    value_usd: optionalNumber({ min: 0 }),
    containers: z.preprocess(
      (v) => (typeof v === 'string' ? v.split('|').map((x) => x.trim().toUpperCase().replace(/\s+/g, '')).filter(Boolean) : []),
      z.array(z.string().regex(/^[A-Z0-9-]{4,20}$/, 'must be container numbers (letters and digits) separated by |')).max(200, 'has more than 200 containers'),
    ),
  })
  .transform((r) => ({
    id: shipmentId(r.bill_of_lading),
    billOfLading: r.bill_of_lading.toUpperCase(),
    arrivalDate: r.arrival_date,
    hsCodes: [...new Set(r.hs_codes)],
    description: r.description ?? null,
    portOfLading: r.port_of_lading ?? null,
    portOfUnlading: r.port_of_unlading ?? null,
    countryOfOrigin: r.country_of_origin ?? null,
    weightKg: r.weight_kg ?? null,
    valueUsd: r.value_usd ?? null,
    containers: [...new Set(r.containers)],
    shipper: party(r.shipper, r.shipper_country),
    consignee: party(r.consignee, r.consignee_country),
    notify: r.notify_party ? party(r.notify_party, r.notify_party_country) : null,
    manufacturer: r.manufacturer ? party(r.manufacturer, r.manufacturer_country ?? r.country_of_origin) : null,
  }));
export type ShipmentRow = z.output<typeof shipmentRow>;

const partiesOf = (r: ShipmentRow) => [r.shipper, r.consignee, r.notify, r.manufacturer].filter((p) => p !== null);

export const shipments: RowFormat = {
  title: 'shipments (bills of lading)',
  file: 'csv',
  schema: shipmentRow,
  columns: shipmentColumns,
  requiredColumns: ['bill_of_lading', 'arrival_date', 'shipper', 'consignee'],
  // The first format had one code per row.
  columnAliases: { hs_code: 'hs_codes', container: 'containers' },
  key: (row) => (row as ShipmentRow).id,
  concurrentBatches: true,
  statement: 'ingest/merge-shipments',
  before: [
    { statement: 'ingest/merge-places', params: (rows) => placesOf(rows, (r: ShipmentRow) => [...partiesOf(r), { country: r.countryOfOrigin }]) },
    { statement: 'ingest/merge-products', params: (rows) => ({ products: productsOf((rows as ShipmentRow[]).flatMap((r) => r.hsCodes)) }) },
  ],
};
