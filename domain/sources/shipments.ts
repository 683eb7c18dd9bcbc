/** shipments.csv: bills of lading (manifest rows). */
import { z } from 'zod';
import { shipmentId } from '../ids';
import { companyName, country, isoDate, optionalText, party, requiredText } from '../fields';
import type { RowFormat } from './types';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const shipmentColumns = [
  'bill_of_lading', 'arrival_date', 'shipper', 'shipper_country', 'consignee', 'consignee_country',
  'notify_party', 'notify_party_country', 'hs_code', 'description', 'port_of_lading', 'port_of_unlading', 'weight_kg',
] as const;

export const shipmentRow = z
  .object({
    bill_of_lading: requiredText(40).regex(/^[A-Za-z0-9-]+$/, 'may hold only letters, digits and -'),
    arrival_date: isoDate,
    shipper: companyName,
    shipper_country: country,
    consignee: companyName,
    consignee_country: country,
    notify_party: z.preprocess(blankToUndefined, companyName.optional()),
    notify_party_country: country,
    hs_code: z.preprocess(
      (v) => (typeof v === 'string' ? v.replace(/[.\s]/g, '') : v),
      z.string().regex(/^\d{4,10}$/, 'must be 4 to 10 digits (dots allowed)').optional().or(z.literal('').transform(() => undefined)),
    ),
    description: optionalText(2000),
    port_of_lading: optionalText(100),
    port_of_unlading: optionalText(100),
    weight_kg: z.preprocess(blankToUndefined, z.coerce.number({ error: 'must be a number' }).positive('must be positive').finite().optional()),
  })
  .transform((r) => ({
    id: shipmentId(r.bill_of_lading),
    billOfLading: r.bill_of_lading.toUpperCase(),
    arrivalDate: r.arrival_date,
    hsCode: r.hs_code ?? null,
    description: r.description ?? null,
    portOfLading: r.port_of_lading ?? null,
    portOfUnlading: r.port_of_unlading ?? null,
    weightKg: r.weight_kg ?? null,
    shipper: party(r.shipper, r.shipper_country),
    consignee: party(r.consignee, r.consignee_country),
    notify: r.notify_party ? party(r.notify_party, r.notify_party_country) : null,
  }));

export type ShipmentRow = z.output<typeof shipmentRow>;

export const shipments: RowFormat = {
  title: 'shipments (bills of lading)',
  file: 'csv',
  schema: shipmentRow,
  columns: shipmentColumns,
  requiredColumns: ['bill_of_lading', 'arrival_date', 'shipper', 'consignee'],
  statement: 'ingest/merge-shipments',
};
