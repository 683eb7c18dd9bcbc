/**
 * Row schemas of the registry kinds (domain/sources/facilities.ts, persons.ts, officers.ts, ownership.ts):
 * the ids they derive, how they name referenced companies and persons, and each reject (column + reason).
 */
import { companyId, facilityId, personId } from '../../domain/ids';
import { nodeSchema } from '../../domain/model';
import { rowFormats } from '../../domain/sources';
import { facilityRow } from '../../domain/sources/facilities';
import { officerRow } from '../../domain/sources/officers';
import { ownershipRow } from '../../domain/sources/ownership';
import { personRow } from '../../domain/sources/persons';
import { stubNameRank } from '../../domain/sources/references';

const issuesOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('facilityRow', () => {
  const base = { id: '', name: 'Aksu Spinning Mill No. 2', aliases: 'Aksu Mill 2 | Mill #2', address: 'Industrial Park, Aksu', country: 'China', region: 'Xinjiang', latitude: '41.1675', longitude: '80.2638', operator_id: '', operator_name: '', operator_country: '', os_hub_id: '' };

  it('turns a row into the ingest shape, keyed by name, country and address when no id is given', () => {
    expect(facilityRow.parse(base)).toEqual({
      id: facilityId('Aksu Spinning Mill No. 2', 'CN', 'Industrial Park, Aksu'),
      name: 'Aksu Spinning Mill No. 2', normName: 'AKSU SPINNING MILL NO 2', aliases: ['Aksu Mill 2', 'Mill #2'],
      country: 'CN', region: 'XUAR', address: 'Industrial Park, Aksu', latitude: 41.1675, longitude: 80.2638,
      osHubId: null, nameRank: 2, operator: null,
    });
  });

  it('prefers the Open Supply Hub id (upper-cased), then the source id', () => {
    expect(facilityRow.parse({ ...base, id: 'F-17', os_hub_id: ' cn2019303bq3fzp ' })).toMatchObject({ id: 'fa-osh-CN2019303BQ3FZP', osHubId: 'CN2019303BQ3FZP' });
    expect(facilityRow.parse({ ...base, id: 'F-17' }).id).toBe('fa-src-F-17');
  });

  it('names the operator by registry id, or by name with the facility country as the default', () => {
    const byName = facilityRow.parse({ ...base, operator_name: 'Aksu Huafu Textiles Co., Ltd' }).operator;
    expect(byName).toEqual({ id: companyId('AKSU HUAFU TEXTILES CO LTD', 'CN'), name: 'Aksu Huafu Textiles Co., Ltd', normName: 'AKSU HUAFU TEXTILES', country: 'CN', nameRank: 2 });
    expect(facilityRow.parse({ ...base, operator_name: 'Aksu Huafu Textiles', operator_country: 'HK' }).operator?.id).toBe(companyId('Aksu Huafu Textiles', 'HK'));
    expect(facilityRow.parse({ ...base, operator_id: '91650100', operator_name: 'Aksu Huafu' }).operator).toMatchObject({ id: 'co-src-91650100', name: 'Aksu Huafu', country: null, nameRank: 2 });
    // A bare registry id: a stub named by the id, which any spelling replaces.
    expect(facilityRow.parse({ ...base, operator_id: '91650100' }).operator).toMatchObject({ id: 'co-src-91650100', name: '91650100', nameRank: stubNameRank });
  });

  it.each([
    [{ name: ' ' }, 'name: is required'],
    [{ country: '' }, 'country: is required'],
    [{ country: 'Atlantis' }, 'country: "Atlantis" is not a known country name or ISO code'],
    [{ latitude: '90.5' }, 'latitude: must be at most 90'],
    [{ latitude: '-91' }, 'latitude: must be at least -90'],
    [{ longitude: '180.01' }, 'longitude: must be at most 180'],
    [{ longitude: 'east' }, 'longitude: must be a number'],
    [{ longitude: '' }, 'longitude: is required when latitude is given'],
    [{ latitude: '' }, 'latitude: is required when longitude is given'],
    [{ os_hub_id: 'CN-2019-303' }, 'os_hub_id: must be an Open Supply Hub id: 10 to 20 letters and digits, such as CN2019303BQ3FZP'],
    [{ os_hub_id: 'CN2019' }, 'os_hub_id: must be an Open Supply Hub id: 10 to 20 letters and digits, such as CN2019303BQ3FZP'],
    [{ operator_country: 'VN' }, 'operator_country: is given without operator_name or operator_id'],
    [{ operator_name: '---' }, 'operator_name: has no letters or digits'],
    [{ operator_id: 'a b' }, 'operator_id: may hold only letters, digits and . _ : -'],
  ])('rejects %o naming the column', (change, message) => {
    expect(issuesOf(facilityRow.safeParse({ ...base, ...change }))).toContain(message);
  });

  it('takes a site without coordinates', () => {
    expect(facilityRow.parse({ ...base, latitude: '', longitude: '' })).toMatchObject({ latitude: null, longitude: null });
  });
});

describe('personRow', () => {
  it('keys a person by source id, else by name and country', () => {
    expect(personRow.parse({ id: 'P-1', name: 'Wang Jianguo', aliases: 'Jianguo Wang|王建国', country: 'cn' })).toEqual({
      id: 'pe-src-P-1', name: 'Wang Jianguo', normName: 'WANG JIANGUO', aliases: ['Jianguo Wang', '王建国'], country: 'CN', nameRank: 2,
    });
    expect(personRow.parse({ id: '', name: 'Nguyễn Văn An', aliases: '', country: 'Viet Nam' }).id).toBe(personId('NGUYEN VAN AN', 'VN'));
    expect(personRow.parse({ name: 'Maria Santos' })).toMatchObject({ id: personId('Maria Santos', null), country: null, aliases: [] });
  });

  it.each([
    [{ name: '' }, 'name: is required'],
    [{ country: 'Narnia' }, 'country: "Narnia" is not a known country name or ISO code'],
    [{ id: 'P 1' }, 'id: may hold only letters, digits and . _ : -'],
  ])('rejects %o naming the column', (change, message) => {
    expect(issuesOf(personRow.safeParse({ name: 'Maria Santos', ...change }))).toContain(message);
  });
});

describe('officerRow', () => {
  const base = { person_id: '', person_name: 'Wang Jianguo', person_country: 'CN', company_id: '', company_name: 'Aksu Huafu Textiles Co., Ltd', company_country: 'China', role: '  Legal   Representative ', start_date: '2019-04-01', end_date: '' };

  it('names person and company by name + country, lower-cases the role and keeps dates', () => {
    expect(officerRow.parse(base)).toEqual({
      person: { id: personId('Wang Jianguo', 'CN'), name: 'Wang Jianguo', normName: 'WANG JIANGUO', country: 'CN', nameRank: 3 },
      company: { id: companyId('AKSU HUAFU TEXTILES CO LTD', 'CN'), name: 'Aksu Huafu Textiles Co., Ltd', normName: 'AKSU HUAFU TEXTILES', country: 'CN', nameRank: 3 },
      role: 'legal representative', startDate: '2019-04-01', endDate: null,
    });
  });

  it('prefers registry ids to names', () => {
    const row = officerRow.parse({ ...base, person_id: 'P-1', company_id: '91650100' });
    expect(row.person).toMatchObject({ id: 'pe-src-P-1', name: 'Wang Jianguo', nameRank: 3 });
    expect(row.company).toMatchObject({ id: 'co-src-91650100', name: 'Aksu Huafu Textiles Co., Ltd' });
    expect(officerRow.parse({ ...base, person_id: 'P-1', person_name: '' }).person).toMatchObject({ id: 'pe-src-P-1', name: 'P-1', nameRank: stubNameRank });
  });

  it.each([
    [{ person_name: '' }, 'person_name: is required when person_id is empty'],
    [{ company_name: ' ' }, 'company_name: is required when company_id is empty'],
    [{ role: '' }, 'role: is required'],
    [{ start_date: '2019-02-29' }, 'start_date: is not a calendar date'],
    [{ end_date: '31/12/2023' }, 'end_date: must be a date as YYYY-MM-DD'],
    [{ end_date: '2019-03-31' }, 'end_date: is before start_date (2019-04-01)'],
  ])('rejects %o naming the column', (change, message) => {
    expect(issuesOf(officerRow.safeParse({ ...base, ...change }))).toEqual([message]);
  });

  it('takes an end date equal to the start date', () => {
    expect(officerRow.parse({ ...base, end_date: '2019-04-01' }).endDate).toBe('2019-04-01');
  });
});

describe('ownershipRow', () => {
  const base = { owner_kind: 'company', owner_id: '', owner_name: 'Aksu Holdings Ltd', owner_country: 'HK', owned_id: '', owned_name: 'Aksu Huafu Textiles Co., Ltd', owned_country: 'CN', percentage: '51.5', start_date: '2020-01-01', end_date: '2024-06-30' };

  it('turns a row into the ingest shape', () => {
    expect(ownershipRow.parse(base)).toEqual({
      ownerKind: 'company',
      owner: { id: companyId('Aksu Holdings Ltd', 'HK'), name: 'Aksu Holdings Ltd', normName: 'AKSU HOLDINGS', country: 'HK', nameRank: 3 },
      owned: { id: companyId('Aksu Huafu Textiles Co., Ltd', 'CN'), name: 'Aksu Huafu Textiles Co., Ltd', normName: 'AKSU HUAFU TEXTILES', country: 'CN', nameRank: 3 },
      percentage: 51.5, startDate: '2020-01-01', endDate: '2024-06-30',
    });
  });

  it('keys the owner by its kind: co-src-/pe-src- ids, company or person name hashes', () => {
    expect(ownershipRow.parse({ ...base, owner_kind: ' Person ', owner_name: 'Wang Jianguo', owner_country: 'CN' }).owner.id).toBe(personId('Wang Jianguo', 'CN'));
    expect(ownershipRow.parse({ ...base, owner_kind: 'person', owner_id: 'P-1' })).toMatchObject({ ownerKind: 'person', owner: { id: 'pe-src-P-1' } });
    expect(ownershipRow.parse({ ...base, owner_id: '91650100', owned_id: '91650200' })).toMatchObject({ owner: { id: 'co-src-91650100' }, owned: { id: 'co-src-91650200' } });
  });

  it('takes a share with a % sign, 100, or none', () => {
    expect(ownershipRow.parse({ ...base, percentage: '40 %' }).percentage).toBe(40);
    expect(ownershipRow.parse({ ...base, percentage: '100' }).percentage).toBe(100);
    expect(ownershipRow.parse({ ...base, percentage: '' }).percentage).toBeNull();
  });

  it('lets a person own a company that has its registry id', () => {
    expect(ownershipRow.safeParse({ ...base, owner_kind: 'person', owner_id: '7', owned_id: '7' }).success).toBe(true);
  });

  it.each([
    [{ owner_kind: '' }, 'owner_kind: is required'],
    [{ owner_kind: 'trust' }, 'owner_kind: must be company or person'],
    [{ owner_name: '' }, 'owner_name: is required when owner_id is empty'],
    [{ owned_name: '' }, 'owned_name: is required when owned_id is empty'],
    [{ percentage: '0' }, 'percentage: must be more than 0'],
    [{ percentage: '-5' }, 'percentage: must be more than 0'],
    [{ percentage: '100.1' }, 'percentage: must be at most 100'],
    [{ percentage: 'half' }, 'percentage: must be a number'],
    [{ start_date: '2020-1-1' }, 'start_date: must be a date as YYYY-MM-DD'],
    [{ end_date: '2019-12-31' }, 'end_date: is before start_date (2020-01-01)'],
    // The same company twice: by one registry id, or by two spellings with one key.
    [{ owner_id: '91650100', owned_id: '91650100' }, 'owned_id: is the same entity as the owner'],
    [{ owner_name: 'AKSU HUAFU TEXTILES CO LTD', owner_country: 'China' }, 'owned_name: is the same entity as the owner'],
  ])('rejects %o naming the column', (change, message) => {
    expect(issuesOf(ownershipRow.safeParse({ ...base, ...change }))).toEqual([message]);
  });
});

describe('registry formats', () => {
  const prov = { importIds: ['imp-x'], firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T00:00:00Z' };

  it('produce nodes the model accepts, referenced entities and stubs included', () => {
    const fac = facilityRow.parse({ name: 'Mill', country: 'CN', latitude: '1', longitude: '2', os_hub_id: 'CN2019303BQ3FZP', operator_id: '9' });
    const { operator, ...site } = fac;
    expect(nodeSchema('Facility').safeParse({ ...site, ...prov }).success).toBe(true);
    expect(nodeSchema('Company').safeParse({ ...operator, aliases: [], ...prov }).success).toBe(true);
    expect(nodeSchema('Person').safeParse({ ...personRow.parse({ name: 'Wang Jianguo', country: 'CN' }), ...prov }).success).toBe(true);
    const own = ownershipRow.parse({ owner_kind: 'person', owner_id: 'P-1', owned_name: 'B', percentage: '5' });
    expect(nodeSchema('Person').safeParse({ ...own.owner, aliases: [], ...prov }).success).toBe(true);
    expect(nodeSchema('Company').safeParse({ ...own.owned, aliases: [], ...prov }).success).toBe(true);
  });

  it('are registered with their statements and required columns', () => {
    expect(rowFormats.facilities).toMatchObject({ file: 'csv', statement: 'ingest/merge-facilities', requiredColumns: ['name', 'country'] });
    expect(rowFormats.persons).toMatchObject({ file: 'csv', statement: 'ingest/merge-persons', requiredColumns: ['name'] });
    expect(rowFormats.officers).toMatchObject({ file: 'csv', statement: 'ingest/merge-officers', requiredColumns: ['role'] });
    expect(rowFormats.ownership).toMatchObject({ file: 'csv', statement: 'ingest/merge-ownership', requiredColumns: ['owner_kind'] });
  });

  it('make the countries and regions of the row and of the entities it names before each batch', () => {
    const fac = facilityRow.parse({ name: 'Mill', country: 'CN', region: 'XUAR', operator_name: 'Op', operator_country: 'HK' });
    const params = rowFormats.facilities.before![0]!.params([fac]) as { countries: { code: string }[]; regions: { code: string }[] };
    expect(params.countries.map((c) => c.code)).toEqual(['CN', 'HK']);
    expect(params.regions.map((r) => r.code)).toEqual(['XUAR']);
    const own = ownershipRow.parse({ owner_kind: 'person', owner_name: 'A', owner_country: 'PH', owned_name: 'B', owned_country: 'VN' });
    expect((rowFormats.ownership.before![0]!.params([own]) as { countries: { code: string }[] }).countries.map((c) => c.code)).toEqual(['PH', 'VN']);
  });
});
