/** What the source formats produce fits the declared model (domain/model.ts). */
import { nodeSchema } from '../../domain/model';
import { productsOf } from '../../domain/hs';
import { placesOf } from '../../domain/places';
import { companyRow } from '../../domain/sources/companies';
import { shipmentRow } from '../../domain/sources/shipments';

const prov = { importIds: ['imp-x'], firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T00:00:00Z' };

describe('rows produce nodes the model accepts', () => {
  it('companies', () => {
    const row = companyRow.parse({ id: '', name: 'Aksu Huafu Textiles Co., Ltd.', aliases: 'Huafu Aksu', country: 'China', region: 'Xinjiang', uscc: '91652900MA77X6JB2N', identifiers: '' });
    const { nameRank, identifiers, ...rest } = row;
    expect(nodeSchema('Company').safeParse({ ...rest, nameRank, identifiers, ...prov }).success).toBe(true);
    expect(row.region).toBe('XUAR');
  });

  it('shipments, their parties, products and places', () => {
    const row = shipmentRow.parse({
      bill_of_lading: 'COSU1', arrival_date: '2024-03-05', shipper: 'A Co', shipper_country: 'CN', consignee: 'B Inc', consignee_country: 'US',
      hs_codes: '6109.10.0012', containers: 'MSCU1234567', weight_kg: '10', value_usd: '5',
    });
    const { shipper, consignee, notify, manufacturer, ...shipment } = row;
    expect(nodeSchema('Shipment').safeParse({ ...shipment, name: row.billOfLading, ...prov }).success).toBe(true);
    for (const p of [shipper, consignee]) expect(nodeSchema('Company').safeParse({ ...p, aliases: [], ...prov }).success).toBe(true);
    expect(notify).toBeNull();
    expect(manufacturer).toBeNull();
    for (const p of productsOf(row.hsCodes)) {
      const { parentId, ...props } = p;
      // Reference data: exactly what cypher/ingest/merge-products writes, no provenance.
      expect(nodeSchema('Product').safeParse(props).success).toBe(true);
      expect(parentId === null || parentId.startsWith('hs-')).toBe(true);
    }
    const places = placesOf([shipper, consignee]);
    expect(places.countries.map((c) => c.id)).toEqual(['ct-CN', 'ct-US']);
    for (const c of places.countries) expect(nodeSchema('Country').safeParse(c).success).toBe(true);
  });

  it('refuses a node missing a required property', () => {
    expect(nodeSchema('Shipment').safeParse({ id: 'sh-1', ...prov }).success).toBe(false);
  });
});
