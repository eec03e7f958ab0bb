import { en, type Messages } from './en.js';

export type Lang = 'en' | 'ja';
export type { Messages };

/** The reader's language: `--lang` first, then LC_ALL, LC_MESSAGES, LANG (ja* gives Japanese). */
export function pickLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (flag === 'en' || flag === 'ja') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ja/i.test(locale) ? 'ja' : 'en';
}

/** The messages of a language; Japanese is loaded only when it is asked for. */
export async function messages(lang: Lang): Promise<Messages> {
  return lang === 'ja' ? (await import('./ja.js')).ja : en;
}
