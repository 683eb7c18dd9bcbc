import { companyRow, shipmentRow, uflpaEntry } from '../../domain/rows';
import { companyId } from '../../domain/ids';

const goodShipment = {
  bill_of_lading: 'COSU6123456789', arrival_date: '2024-03-05', shipper: 'HOSHINE SILICON INDUSTRY SHANSHAN CO LTD',
  shipper_country: 'CN', consignee: 'SUNRISE SOLAR INC', consignee_country: 'United States', notify_party: '',
  notify_party_country: '', hs_codes: '2804.61', description: 'POLYSILICON', port_of_lading: 'Shanghai',
  port_of_unlading: 'Long Beach', weight_kg: '18000.5',
};

const issuesOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('shipmentRow', () => {
  it('turns a manifest row into the ingest shape', () => {
    const row = shipmentRow.parse(goodShipment);
    expect(row).toMatchObject({
      id: 'sh-COSU6123456789', arrivalDate: '2024-03-05', hsCodes: ['280461'], weightKg: 18000.5, notify: null, manufacturer: null,
      shipper: { id: companyId('Hoshine Silicon Industry (Shanshan) Co., Ltd', 'CN'), country: 'CN', normName: 'HOSHINE SILICON INDUSTRY SHANSHAN' },
      consignee: { country: 'US' },
    });
  });

  it.each([
    [{ consignee: '' }, 'consignee: is required'],
    [{ arrival_date: '2023-02-30' }, 'arrival_date: is not a calendar date'],
    [{ arrival_date: '2023/01/05' }, 'arrival_date: must be a date as YYYY-MM-DD'],
    [{ weight_kg: 'heavy' }, 'weight_kg: must be a number'],
    [{ weight_kg: '-3' }, 'weight_kg: must be positive'],
    [{ hs_codes: 'ABC' }, 'hs_codes.0: must be 4 to 10 digits (dots allowed)'],
    [{ hs_codes: '6109.10|12' }, 'hs_codes.1: must be 4 to 10 digits (dots allowed)'],
    [{ value_usd: '-1' }, 'value_usd: must be at least 0'],
    [{ containers: 'MSCU1234567|BAD/BOX' }, 'containers.1: must be container numbers (letters and digits) separated by |'],
    [{ manufacturer: '---' }, 'manufacturer: has no letters or digits'],
    [{ shipper_country: 'Atlantis' }, 'shipper_country: "Atlantis" is not a known country name or ISO code'],
    [{ bill_of_lading: 'AB CD' }, 'bill_of_lading: may hold only letters, digits and -'],
    [{ shipper: '...' }, 'shipper: has no letters or digits'],
  ])('rejects %o naming the column', (change, message) => {
    expect(issuesOf(shipmentRow.safeParse({ ...goodShipment, ...change }))).toContain(message);
  });

  it('reports every bad column of a row, not just the first', () => {
    expect(issuesOf(shipmentRow.safeParse({ ...goodShipment, consignee: '', weight_kg: 'x' }))).toHaveLength(2);
  });
});

describe('companyRow', () => {
  it('splits aliases and identifiers and keeps a source id, namespaced', () => {
    const row = companyRow.parse({ id: 'reg:123', name: 'Acme Textiles Co., Ltd.', aliases: 'Acme | ACME TEX', country: 'vn', address: '', identifiers: 'duns:123456789|reg:0301' });
    expect(row).toMatchObject({ id: 'co-src-reg:123', aliases: ['Acme', 'ACME TEX'], country: 'VN', address: null, identifiers: ['duns:123456789', 'reg:0301'] });
  });

  it('derives the id from name and country when none is given', () => {
    const row = companyRow.parse({ id: '', name: 'Acme Textiles Co., Ltd.', aliases: '', country: 'VN', address: '', identifiers: '' });
    expect(row.id).toBe(companyId('ACME TEXTILES CO LTD', 'VN'));
  });

  it('rejects identifiers that are not scheme:value', () => {
    expect(issuesOf(companyRow.safeParse({ name: 'Acme', identifiers: '123456789' }))).toContain('identifiers: must be scheme:value pairs separated by |');
  });
});

describe('uflpaEntry', () => {
  const entry = {
    name: 'Hoshine Silicon Industry (Shanshan) Co., Ltd., and Subsidiaries',
    aliases: ['Hoshine'],
    country: 'China',
    address: null,
    effective_date: 'June 21, 2022',
    notes: 'UFLPA Sec. 2(d)(2)(B)(ii): works with the XUAR government; UFLPA Sec. 2(d)(2)(B)(v): sources material from Xinjiang',
  };

  it('reads sections, the effective date and "and subsidiaries"', () => {
    const r = uflpaEntry.parse(entry);
    expect(r.company).toMatchObject({ name: 'Hoshine Silicon Industry (Shanshan) Co., Ltd.', country: 'CN', aliases: ['Hoshine'] });
    expect(r.company.id).toBe(companyId('HOSHINE SILICON INDUSTRY SHANSHAN CO LTD', 'CN'));
    expect(r.entry).toMatchObject({ program: 'UFLPA', sections: ['ii', 'v'], effectiveDate: '2022-06-21', includesSubsidiaries: true });
  });

  it('rejects an entry without a usable date', () => {
    expect(issuesOf(uflpaEntry.safeParse({ ...entry, effective_date: 'soon' }))).toContain('effective_date: must be a date such as "June 21, 2022"');
  });
});

describe('shipmentRow, the full manifest', () => {
  it('takes several HS codes, containers, a declared manufacturer, origin and value', () => {
    const row = shipmentRow.parse({
      ...goodShipment, hs_codes: '6109.10.0012 | 6110.20;6109.10.0012', containers: 'mscu 1234567|TGHU7654321|MSCU1234567',
      manufacturer: 'Aksu Huafu Textiles Co., Ltd.', manufacturer_country: '', country_of_origin: 'China', value_usd: '125000.50',
    });
    expect(row).toMatchObject({
      hsCodes: ['6109100012', '611020'], containers: ['MSCU1234567', 'TGHU7654321'], countryOfOrigin: 'CN', valueUsd: 125000.5,
      // A manufacturer without a country of its own is taken to be in the country of origin.
      manufacturer: { id: companyId('AKSU HUAFU TEXTILES CO LTD', 'CN'), country: 'CN' },
    });
  });
});
