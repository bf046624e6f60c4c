/// <reference types="vite/client" />
import en from './en.json';
import es from './es.json';

export type TranslationTree = { [key: string]: string | TranslationTree };

/**
 * A feature may keep its own words beside its screens, as `<feature>.es.json` and
 * `<feature>.en.json`; they are merged over the shared files. A key defined twice is a mistake and
 * fails at load, so two features cannot silently overwrite each other's words.
 */
const featureFiles = import.meta.glob<TranslationTree>('../features/*/*.{es,en}.json', {
  eager: true,
  import: 'default',
});

function merge(into: TranslationTree, from: TranslationTree, path: string, file: string): TranslationTree {
  for (const [key, value] of Object.entries(from)) {
    const at = path ? `${path}.${key}` : key;
    const existing = into[key];
    if (existing === undefined) into[key] = typeof value === 'string' ? value : merge({}, value, at, file);
    else if (typeof existing === 'string' || typeof value === 'string')
      throw new Error(`Translation key ${at} is defined twice (again in ${file})`);
    else merge(existing, value, at, file);
  }
  return into;
}

function build(language: 'es' | 'en', shared: TranslationTree): TranslationTree {
  const tree = structuredClone(shared);
  for (const [file, words] of Object.entries(featureFiles).sort(([a], [b]) => a.localeCompare(b))) {
    if (file.endsWith(`.${language}.json`)) merge(tree, words, '', file);
  }
  return tree;
}

export const translations = { es: build('es', es as TranslationTree), en: build('en', en as TranslationTree) };
