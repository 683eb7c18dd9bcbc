import { companyId, importId, listEntryId, shipmentId } from '../../domain/ids';

describe('ids', () => {
  it('gives the same company id to spellings that normalise alike in the same country', () => {
    expect(companyId('HOSHINE SILICON INDUSTRY SHANSHAN CO LTD', 'CN')).toBe(companyId('Hoshine Silicon Industry (Shanshan) Co., Ltd', 'CN'));
  });

  it('keeps same-named companies in different countries apart', () => {
    expect(companyId('Acme Ltd', 'CN')).not.toBe(companyId('Acme Ltd', 'VN'));
  });

  it('prefixes ids by kind so they are unique across labels', () => {
    expect(companyId('Acme', 'US')).toMatch(/^co-[0-9a-f]{20}$/);
    expect(shipmentId(' cosu 123 ')).toBe('sh-COSU123');
    expect(listEntryId('UFLPA', 'Acme', 'i,v')).toMatch(/^le-uflpa-[0-9a-f]{20}$/);
    expect(importId('a'.repeat(64), 'shipments')).toBe(`imp-shipments-${'a'.repeat(16)}`);
  });
});
