import { getJson } from '../../api/http';
import type { EnumLabel, Enums } from '../../api/types';
import { currentLang } from '../../i18n';

/** Enumeration labels come from the API (GET /api/v1/enums), fetched once per page. */
let enums: Promise<Enums> | undefined;

export function loadEnums(): Promise<Enums> {
  enums ??= getJson<Enums>('/api/v1/enums').catch((e) => {
    enums = undefined;
    throw e;
  });
  return enums;
}

export function labelOf(list: EnumLabel[] | undefined, code: string): string {
  const found = list?.find((l) => l.code === code);
  if (!found) return code;
  return currentLang() === 'en' ? found.en : found.zh;
}
