import { ZONES_BY_COUNTRY } from './zone-countries';

/**
 * Names a zone goes by. ICU, so Chromium and Node, still reports some zones by the name they had
 * before a city was renamed (Asia/Calcutta for Asia/Kolkata); people search for the new name, the
 * old one or the country, and should read the name in use today. Both names work in Intl and in
 * the API, so only what is shown and searched changes.
 */
const CURRENT_NAME_OF_LEGACY: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Dacca': 'Asia/Dhaka',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Thimbu': 'Asia/Thimphu',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** Cities people look for that share a zone named after another city (or a longer name of it). */
const ALSO_KNOWN_AS: Readonly<Record<string, string>> = {
  'Africa/Lagos': 'Abuja',
  'America/Chicago': 'Dallas Houston Austin',
  'America/Denver': 'Salt Lake City',
  'America/Los_Angeles': 'San Francisco Seattle',
  'America/New_York': 'Boston Washington Atlanta Miami',
  'America/Phoenix': 'Arizona',
  'America/Sao_Paulo': 'Rio de Janeiro Brasilia',
  'America/Toronto': 'Ottawa Montreal',
  'Asia/Dubai': 'Abu Dhabi',
  'Asia/Ho_Chi_Minh': 'Ho Chi Minh City',
  'Asia/Karachi': 'Lahore Islamabad',
  'Asia/Kolkata': 'Mumbai Bombay Delhi Bengaluru Bangalore Chennai Hyderabad',
  'Asia/Shanghai': 'Beijing Shenzhen',
  'Australia/Sydney': 'Canberra',
  'Europe/Berlin': 'Munich Hamburg Frankfurt',
  'Europe/Istanbul': 'Ankara',
  'Pacific/Auckland': 'Wellington',
};

const LEGACY_NAMES_OF_CURRENT = new Map<string, string[]>();
for (const [legacy, current] of Object.entries(CURRENT_NAME_OF_LEGACY)) {
  LEGACY_NAMES_OF_CURRENT.set(current, [...(LEGACY_NAMES_OF_CURRENT.get(current) ?? []), legacy]);
}

const COUNTRY_OF_ZONE = new Map<string, string>();
for (const [country, zones] of Object.entries(ZONES_BY_COUNTRY)) {
  for (const zone of zones.split(' ')) COUNTRY_OF_ZONE.set(zone, country);
}

/** "Asia/Calcutta" → "Asia/Kolkata"; a current name is returned as it is. */
export function currentZoneName(zone: string): string {
  return CURRENT_NAME_OF_LEGACY[zone] ?? zone;
}

/** "Asia/Kolkata" → ["Asia/Calcutta"]: the names the zone had before. */
export function legacyZoneNames(zone: string): string[] {
  return LEGACY_NAMES_OF_CURRENT.get(currentZoneName(zone)) ?? [];
}

/** Other cities that keep this zone's time, as people type them. */
export function otherCityNames(zone: string): string {
  return ALSO_KNOWN_AS[currentZoneName(zone)] ?? '';
}

/** ISO 3166 code of the zone's country ("IN"), or null for UTC and the like. */
export function zoneCountry(zone: string): string | null {
  return COUNTRY_OF_ZONE.get(currentZoneName(zone)) ?? null;
}

/** "Kolkata", "Ho Chi Minh", "Buenos Aires": the city a zone is named after. */
export function zoneCity(zone: string): string {
  return (currentZoneName(zone).split('/').at(-1) ?? zone).replaceAll('_', ' ');
}
