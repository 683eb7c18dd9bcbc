/**
 * Country names and codes as they appear in manifests, registries and the public lists, mapped to ISO 3166-1
 * alpha-2. Trade data spells countries every which way ("VIET NAM", "P.R. China", "Korea, Rep.",
 * "Turkey (Türkiye)", "Congo, Democratic Republic of the"), and a company's id hashes its country code, so
 * every spelling of one country must land on the same code or the same firm splits into two nodes.
 */

// [alpha-2, alpha-3, display name, ...other spellings]. Display names are the short English names people
// use (CLDR style: "South Korea", "Vietnam"), not the ISO formal ones; those are kept as other spellings.
// Every ISO 3166-1 entry is here, plus Kosovo (XK), which is not in ISO but is used by the EU, SWIFT and
// shipping lines.
const COUNTRIES: ReadonlyArray<readonly [string, string, string, ...string[]]> = [
  ['AF', 'AFG', 'Afghanistan'],
  ['AX', 'ALA', 'Åland Islands'],
  ['AL', 'ALB', 'Albania'],
  ['DZ', 'DZA', 'Algeria'],
  ['AS', 'ASM', 'American Samoa'],
  ['AD', 'AND', 'Andorra'],
  ['AO', 'AGO', 'Angola'],
  ['AI', 'AIA', 'Anguilla'],
  ['AQ', 'ATA', 'Antarctica'],
  ['AG', 'ATG', 'Antigua and Barbuda'],
  ['AR', 'ARG', 'Argentina'],
  ['AM', 'ARM', 'Armenia'],
  ['AW', 'ABW', 'Aruba'],
  ['AU', 'AUS', 'Australia'],
  ['AT', 'AUT', 'Austria'],
  ['AZ', 'AZE', 'Azerbaijan'],
  ['BS', 'BHS', 'Bahamas'],
  ['BH', 'BHR', 'Bahrain'],
  ['BD', 'BGD', 'Bangladesh', "People's Republic of Bangladesh"],
  ['BB', 'BRB', 'Barbados'],
  ['BY', 'BLR', 'Belarus'],
  ['BE', 'BEL', 'Belgium'],
  ['BZ', 'BLZ', 'Belize'],
  ['BJ', 'BEN', 'Benin'],
  ['BM', 'BMU', 'Bermuda'],
  ['BT', 'BTN', 'Bhutan'],
  ['BO', 'BOL', 'Bolivia', 'Plurinational State of Bolivia'],
  ['BQ', 'BES', 'Caribbean Netherlands', 'Bonaire, Sint Eustatius and Saba', 'Bonaire'],
  ['BA', 'BIH', 'Bosnia and Herzegovina', 'Bosnia'],
  ['BW', 'BWA', 'Botswana'],
  ['BV', 'BVT', 'Bouvet Island'],
  ['BR', 'BRA', 'Brazil', 'Brasil'],
  ['IO', 'IOT', 'British Indian Ocean Territory'],
  ['VG', 'VGB', 'British Virgin Islands', 'BVI'],
  ['BN', 'BRN', 'Brunei', 'Brunei Darussalam'],
  ['BG', 'BGR', 'Bulgaria'],
  ['BF', 'BFA', 'Burkina Faso'],
  ['BI', 'BDI', 'Burundi'],
  ['CV', 'CPV', 'Cabo Verde', 'Cape Verde'],
  ['KH', 'KHM', 'Cambodia', 'Kingdom of Cambodia', 'Kampuchea'],
  ['CM', 'CMR', 'Cameroon'],
  ['CA', 'CAN', 'Canada'],
  ['KY', 'CYM', 'Cayman Islands'],
  ['CF', 'CAF', 'Central African Republic'],
  ['TD', 'TCD', 'Chad'],
  ['CL', 'CHL', 'Chile'],
  ['CN', 'CHN', 'China', "People's Republic of China", 'PRC', 'PR China', 'China PR', 'Mainland China', 'China Mainland'],
  ['CX', 'CXR', 'Christmas Island'],
  ['CC', 'CCK', 'Cocos (Keeling) Islands', 'Cocos Islands', 'Keeling Islands'],
  ['CO', 'COL', 'Colombia'],
  ['KM', 'COM', 'Comoros'],
  // "Congo" alone is the ISO short name of the Republic (Brazzaville), so it maps there.
  ['CG', 'COG', 'Republic of the Congo', 'Congo', 'Congo Republic', 'Congo-Brazzaville', 'Congo (Brazzaville)'],
  ['CD', 'COD', 'Democratic Republic of the Congo', 'DR Congo', 'Congo DR', 'DRC', 'Congo (DRC)', 'Congo-Kinshasa', 'Congo (Kinshasa)', 'Zaire'],
  ['CK', 'COK', 'Cook Islands'],
  ['CR', 'CRI', 'Costa Rica'],
  ['CI', 'CIV', "Côte d'Ivoire", 'Ivory Coast'],
  ['HR', 'HRV', 'Croatia', 'Hrvatska'],
  ['CU', 'CUB', 'Cuba'],
  ['CW', 'CUW', 'Curaçao'],
  ['CY', 'CYP', 'Cyprus'],
  ['CZ', 'CZE', 'Czechia', 'Czech Republic'],
  ['DK', 'DNK', 'Denmark'],
  ['DJ', 'DJI', 'Djibouti'],
  ['DM', 'DMA', 'Dominica'],
  ['DO', 'DOM', 'Dominican Republic'],
  ['EC', 'ECU', 'Ecuador'],
  ['EG', 'EGY', 'Egypt', 'Arab Republic of Egypt'],
  ['SV', 'SLV', 'El Salvador'],
  ['GQ', 'GNQ', 'Equatorial Guinea'],
  ['ER', 'ERI', 'Eritrea'],
  ['EE', 'EST', 'Estonia'],
  ['SZ', 'SWZ', 'Eswatini', 'Swaziland', 'Kingdom of Eswatini'],
  ['ET', 'ETH', 'Ethiopia'],
  ['FK', 'FLK', 'Falkland Islands', 'Falkland Islands (Malvinas)'],
  ['FO', 'FRO', 'Faroe Islands', 'Faeroe Islands'],
  ['FJ', 'FJI', 'Fiji'],
  ['FI', 'FIN', 'Finland'],
  ['FR', 'FRA', 'France'],
  ['GF', 'GUF', 'French Guiana'],
  ['PF', 'PYF', 'French Polynesia'],
  ['TF', 'ATF', 'French Southern Territories'],
  ['GA', 'GAB', 'Gabon'],
  ['GM', 'GMB', 'Gambia'],
  ['GE', 'GEO', 'Georgia'],
  ['DE', 'DEU', 'Germany', 'Deutschland', 'Federal Republic of Germany'],
  ['GH', 'GHA', 'Ghana'],
  ['GI', 'GIB', 'Gibraltar'],
  ['GR', 'GRC', 'Greece', 'Hellenic Republic'],
  ['GL', 'GRL', 'Greenland'],
  ['GD', 'GRD', 'Grenada'],
  ['GP', 'GLP', 'Guadeloupe'],
  ['GU', 'GUM', 'Guam'],
  ['GT', 'GTM', 'Guatemala'],
  ['GG', 'GGY', 'Guernsey'],
  ['GN', 'GIN', 'Guinea'],
  ['GW', 'GNB', 'Guinea-Bissau'],
  ['GY', 'GUY', 'Guyana'],
  ['HT', 'HTI', 'Haiti'],
  ['HM', 'HMD', 'Heard Island and McDonald Islands', 'Heard & McDonald Islands'],
  ['VA', 'VAT', 'Vatican City', 'Holy See', 'Vatican'],
  ['HN', 'HND', 'Honduras'],
  ['HK', 'HKG', 'Hong Kong', 'Hong Kong SAR', 'Hong Kong SAR China', 'Hong Kong China', 'China Hong Kong SAR', 'China Hong Kong', 'HKSAR'],
  ['HU', 'HUN', 'Hungary'],
  ['IS', 'ISL', 'Iceland'],
  ['IN', 'IND', 'India', 'Republic of India'],
  ['ID', 'IDN', 'Indonesia', 'Republic of Indonesia'],
  ['IR', 'IRN', 'Iran', 'Islamic Republic of Iran'],
  ['IQ', 'IRQ', 'Iraq'],
  ['IE', 'IRL', 'Ireland', 'Republic of Ireland', 'Eire'],
  ['IM', 'IMN', 'Isle of Man'],
  ['IL', 'ISR', 'Israel'],
  ['IT', 'ITA', 'Italy', 'Italia'],
  ['JM', 'JAM', 'Jamaica'],
  ['JP', 'JPN', 'Japan'],
  ['JE', 'JEY', 'Jersey'],
  ['JO', 'JOR', 'Jordan'],
  ['KZ', 'KAZ', 'Kazakhstan'],
  ['KE', 'KEN', 'Kenya'],
  ['KI', 'KIR', 'Kiribati'],
  ['KP', 'PRK', 'North Korea', "Democratic People's Republic of Korea", 'DPRK', 'DPR Korea', 'Korea DPR', 'Korea North', 'Korea (North)'],
  // Bare "Korea" on a manifest means the Republic: trade with the DPRK is embargoed, and DPRK entries
  // always carry a qualifier.
  ['KR', 'KOR', 'South Korea', 'Republic of Korea', 'Korea', 'Korea South', 'Korea (South)', 'ROK'],
  ['XK', 'XKX', 'Kosovo'],
  ['KW', 'KWT', 'Kuwait'],
  ['KG', 'KGZ', 'Kyrgyzstan', 'Kyrgyz Republic'],
  ['LA', 'LAO', 'Laos', "Lao People's Democratic Republic", 'Lao PDR'],
  ['LV', 'LVA', 'Latvia'],
  ['LB', 'LBN', 'Lebanon'],
  ['LS', 'LSO', 'Lesotho'],
  ['LR', 'LBR', 'Liberia'],
  ['LY', 'LBY', 'Libya'],
  ['LI', 'LIE', 'Liechtenstein'],
  ['LT', 'LTU', 'Lithuania'],
  ['LU', 'LUX', 'Luxembourg'],
  ['MO', 'MAC', 'Macao', 'Macau', 'Macao SAR', 'Macao SAR China', 'Macau SAR', 'China Macao SAR'],
  ['MG', 'MDG', 'Madagascar'],
  ['MW', 'MWI', 'Malawi'],
  ['MY', 'MYS', 'Malaysia'],
  ['MV', 'MDV', 'Maldives'],
  ['ML', 'MLI', 'Mali'],
  ['MT', 'MLT', 'Malta'],
  ['MH', 'MHL', 'Marshall Islands'],
  ['MQ', 'MTQ', 'Martinique'],
  ['MR', 'MRT', 'Mauritania'],
  ['MU', 'MUS', 'Mauritius'],
  ['YT', 'MYT', 'Mayotte'],
  ['MX', 'MEX', 'Mexico', 'United Mexican States'],
  ['FM', 'FSM', 'Micronesia', 'Federated States of Micronesia'],
  ['MD', 'MDA', 'Moldova', 'Republic of Moldova'],
  ['MC', 'MCO', 'Monaco'],
  ['MN', 'MNG', 'Mongolia'],
  ['ME', 'MNE', 'Montenegro'],
  ['MS', 'MSR', 'Montserrat'],
  ['MA', 'MAR', 'Morocco'],
  ['MZ', 'MOZ', 'Mozambique'],
  ['MM', 'MMR', 'Myanmar', 'Burma', 'Myanmar (Burma)'],
  ['NA', 'NAM', 'Namibia'],
  ['NR', 'NRU', 'Nauru'],
  ['NP', 'NPL', 'Nepal'],
  ['NL', 'NLD', 'Netherlands', 'Holland', 'Kingdom of the Netherlands'],
  ['NC', 'NCL', 'New Caledonia'],
  ['NZ', 'NZL', 'New Zealand'],
  ['NI', 'NIC', 'Nicaragua'],
  ['NE', 'NER', 'Niger'],
  ['NG', 'NGA', 'Nigeria'],
  ['NU', 'NIU', 'Niue'],
  ['NF', 'NFK', 'Norfolk Island'],
  ['MK', 'MKD', 'North Macedonia', 'Macedonia', 'Republic of North Macedonia', 'Former Yugoslav Republic of Macedonia', 'FYROM'],
  ['MP', 'MNP', 'Northern Mariana Islands'],
  ['NO', 'NOR', 'Norway'],
  ['OM', 'OMN', 'Oman'],
  ['PK', 'PAK', 'Pakistan'],
  ['PW', 'PLW', 'Palau'],
  ['PS', 'PSE', 'Palestine', 'State of Palestine', 'Palestinian Territories'],
  ['PA', 'PAN', 'Panama'],
  ['PG', 'PNG', 'Papua New Guinea'],
  ['PY', 'PRY', 'Paraguay'],
  ['PE', 'PER', 'Peru'],
  ['PH', 'PHL', 'Philippines'],
  ['PN', 'PCN', 'Pitcairn Islands', 'Pitcairn'],
  ['PL', 'POL', 'Poland'],
  ['PT', 'PRT', 'Portugal'],
  ['PR', 'PRI', 'Puerto Rico'],
  ['QA', 'QAT', 'Qatar'],
  ['RE', 'REU', 'Réunion'],
  ['RO', 'ROU', 'Romania'],
  ['RU', 'RUS', 'Russia', 'Russian Federation'],
  ['RW', 'RWA', 'Rwanda'],
  ['BL', 'BLM', 'Saint Barthélemy'],
  ['SH', 'SHN', 'Saint Helena', 'Saint Helena, Ascension and Tristan da Cunha'],
  ['KN', 'KNA', 'Saint Kitts and Nevis', 'Saint Christopher and Nevis'],
  ['LC', 'LCA', 'Saint Lucia'],
  ['MF', 'MAF', 'Saint Martin', 'Saint Martin (French part)'],
  ['PM', 'SPM', 'Saint Pierre and Miquelon'],
  ['VC', 'VCT', 'Saint Vincent and the Grenadines'],
  ['WS', 'WSM', 'Samoa', 'Western Samoa'],
  ['SM', 'SMR', 'San Marino'],
  ['ST', 'STP', 'São Tomé and Príncipe'],
  ['SA', 'SAU', 'Saudi Arabia', 'Kingdom of Saudi Arabia', 'KSA'],
  ['SN', 'SEN', 'Senegal'],
  ['RS', 'SRB', 'Serbia'],
  ['SC', 'SYC', 'Seychelles'],
  ['SL', 'SLE', 'Sierra Leone'],
  ['SG', 'SGP', 'Singapore'],
  ['SX', 'SXM', 'Sint Maarten', 'Sint Maarten (Dutch part)'],
  ['SK', 'SVK', 'Slovakia', 'Slovak Republic'],
  ['SI', 'SVN', 'Slovenia'],
  ['SB', 'SLB', 'Solomon Islands'],
  ['SO', 'SOM', 'Somalia'],
  ['ZA', 'ZAF', 'South Africa', 'Republic of South Africa'],
  ['GS', 'SGS', 'South Georgia and the South Sandwich Islands'],
  ['SS', 'SSD', 'South Sudan'],
  ['ES', 'ESP', 'Spain', 'España'],
  ['LK', 'LKA', 'Sri Lanka'],
  ['SD', 'SDN', 'Sudan'],
  ['SR', 'SUR', 'Suriname', 'Surinam'],
  ['SJ', 'SJM', 'Svalbard and Jan Mayen'],
  ['SE', 'SWE', 'Sweden'],
  ['CH', 'CHE', 'Switzerland'],
  ['SY', 'SYR', 'Syria', 'Syrian Arab Republic'],
  ['TW', 'TWN', 'Taiwan', 'Taiwan Province of China', 'China Taiwan Province of', 'Chinese Taipei', 'Republic of China', 'China (Taiwan)'],
  ['TJ', 'TJK', 'Tajikistan'],
  ['TZ', 'TZA', 'Tanzania', 'United Republic of Tanzania'],
  ['TH', 'THA', 'Thailand'],
  ['TL', 'TLS', 'Timor-Leste', 'East Timor'],
  ['TG', 'TGO', 'Togo'],
  ['TK', 'TKL', 'Tokelau'],
  ['TO', 'TON', 'Tonga'],
  ['TT', 'TTO', 'Trinidad and Tobago'],
  ['TN', 'TUN', 'Tunisia'],
  ['TR', 'TUR', 'Türkiye', 'Turkey', 'Republic of Türkiye'],
  ['TM', 'TKM', 'Turkmenistan'],
  ['TC', 'TCA', 'Turks and Caicos Islands'],
  ['TV', 'TUV', 'Tuvalu'],
  ['UG', 'UGA', 'Uganda'],
  ['UA', 'UKR', 'Ukraine'],
  ['AE', 'ARE', 'United Arab Emirates', 'UAE', 'Emirates'],
  ['GB', 'GBR', 'United Kingdom', 'UK', 'Great Britain', 'Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'United Kingdom of Great Britain and Northern Ireland'],
  ['US', 'USA', 'United States', 'U.S.', 'U.S.A.', 'United States of America', 'America'],
  ['UM', 'UMI', 'United States Minor Outlying Islands', 'US Outlying Islands'],
  ['VI', 'VIR', 'US Virgin Islands', 'United States Virgin Islands'],
  ['UY', 'URY', 'Uruguay'],
  ['UZ', 'UZB', 'Uzbekistan'],
  ['VU', 'VUT', 'Vanuatu'],
  ['VE', 'VEN', 'Venezuela', 'Bolivarian Republic of Venezuela'],
  ['VN', 'VNM', 'Vietnam', 'Socialist Republic of Vietnam'],
  ['WF', 'WLF', 'Wallis and Futuna'],
  ['EH', 'ESH', 'Western Sahara'],
  ['YE', 'YEM', 'Yemen'],
  ['ZM', 'ZMB', 'Zambia'],
  ['ZW', 'ZWE', 'Zimbabwe'],
];

// Abbreviations found in statistical and customs spellings ("Korea, Dem. People's Rep.", "St. Lucia",
// "Cayman Is.", "Micronesia, Fed. Sts.") become the full word, so one spelling of each name is enough.
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  st: 'saint', ste: 'saint', rep: 'republic', dem: 'democratic', is: 'islands', isl: 'islands',
  fed: 'federated', sts: 'states',
};
// Filler words vary freely between sources ("Saint Vincent and the Grenadines" vs "St. Vincent &
// Grenadines"); no two countries differ only by them.
const FILLER = new Set(['the', 'of', 'and']);

/**
 * The lookup key of a spelling: accents folded, apostrophes dropped (so "d'Ivoire" and "d Ivoire" agree),
 * other punctuation splits words, abbreviations expanded, filler words dropped, and the words joined with
 * no space, so "Viet Nam" meets "Vietnam" and "Hong Kong" meets "Hongkong".
 */
function keyOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .split(/[^a-z0-9]+/)
    .map((w) => ABBREVIATIONS[w] ?? w)
    .filter((w) => w !== '' && !FILLER.has(w))
    .join('');
}

const byCode = new Map<string, string>();
const byKey = new Map<string, string>();
const names = new Map<string, string>();
for (const [alpha2, alpha3, name, ...others] of COUNTRIES) {
  names.set(alpha2, name);
  byCode.set(alpha2, alpha2);
  byCode.set(alpha3, alpha2);
  for (const spelling of [name, ...others]) {
    const key = keyOf(spelling);
    const taken = byKey.get(key);
    // A spelling claimed by two countries would make the answer depend on table order; fail at load.
    if (taken !== undefined && taken !== alpha2) throw new Error(`country spelling "${spelling}" is claimed by ${taken} and ${alpha2}`);
    byKey.set(key, alpha2);
  }
}

// When the whole text is unknown, an inverted or qualified name ("Korea, Rep.", "Turkey (Türkiye)",
// "Bolivia, Plurinational State of") is tried as "qualifier head" and then as the head alone. The head
// alone is not trusted where it names two countries: "Congo (something)" and "Korea, something" stay
// unknown unless their qualified form is in the table.
const AMBIGUOUS_HEADS = new Set(['congo', 'korea']);

function spellingsOf(input: string): string[] {
  const qualified = /^([^(,]+?)\s*(?:\((.*)\)|,(.*))\s*$/s.exec(input);
  if (!qualified) return [input];
  const head = qualified[1] ?? '';
  const qualifier = qualified[2] ?? qualified[3] ?? '';
  const spellings = [input, `${qualifier} ${head}`];
  if (!AMBIGUOUS_HEADS.has(keyOf(head))) spellings.push(head);
  return spellings;
}

/**
 * The ISO 3166-1 alpha-2 code (upper case) for an alpha-2 or alpha-3 code in any case or an English country
 * name in any common spelling; undefined when the text names no country this module knows.
 */
export function toCountryCode(input: string): string | undefined {
  const text = input.trim();
  // Codes are matched before names are folded: folding would read "IS" (Iceland) as "Is." (islands).
  const code = /^[A-Za-z]{2,3}$/.test(text) ? byCode.get(text.toUpperCase()) : undefined;
  if (code !== undefined) return code;
  for (const spelling of spellingsOf(text)) {
    const key = keyOf(spelling);
    const named = key === '' ? undefined : byKey.get(key);
    if (named !== undefined) return named;
  }
  return undefined;
}

/** The English display name of an alpha-2 code (any case); undefined for a code not in the table. */
export function countryName(code: string): string | undefined {
  return names.get(code.trim().toUpperCase());
}
