import { en, type Messages } from './en.js';
import { ja } from './ja.js';

export type Lang = 'en' | 'ja';
export const LANGS: readonly Lang[] = ['en', 'ja'];
export type { Messages };

/** The reader's language: `--lang` first, then LC_ALL, LC_MESSAGES, LANG (ja* gives Japanese). */
export function pickLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (flag === 'en' || flag === 'ja') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ja/i.test(locale) ? 'ja' : 'en';
}

export function messages(lang: Lang): Messages {
  return lang === 'ja' ? ja : en;
}
