import type { DetailKey, NoteKind } from '../model.js';

/** What a header key means. */
export type KeyRole = { note: NoteKind } | { meta: 'title' | 'authors' } | { detail: DetailKey };

/** The role of a note's key. */
export const note = (k: NoteKind): KeyRole => ({ note: k });
/** The role of a detail's key. */
export const detail = (k: DetailKey): KeyRole => ({ detail: k });
const TITLE: KeyRole = { meta: 'title' };
const AUTHORS: KeyRole = { meta: 'authors' };

/** A `Key: value` line: the key (letters, then letters, marks, apostrophes, slashes, spaces, hyphens) and its value, spaces around the colon dropped. */
export const KEY_LINE = /^(\p{L}[\p{L}\p{M}'’/ -]{0,40}?)\s*:\s*(.*)$/u;

/**
 * A header key folded: lower case, accents and everything but letters
 * dropped ("Author's Note" → "authorsnote", "Résumé" → "resume",
 * "Примечания автора" → "примечанияавтора").
 */
export function foldKey(key: string): string {
  return key.normalize('NFD').toLowerCase().replace(/[^\p{L}]/gu, '');
}

/**
 * Header keys of story files in other languages than English, as archives
 * and writers in them spell them: Russian and Ukrainian (as fanfiction
 * archives in them download their stories), French, German, Spanish,
 * Portuguese and Italian. The same roles as the English keys; the label is
 * kept as written, wherever it is shown.
 */
const FOREIGN: readonly [KeyRole, readonly string[]][] = [
  [TITLE, ['Название', 'Назва', 'Titre', 'Titel', 'Título', 'Titolo']],
  [AUTHORS, ['Автор', 'Авторы', 'Автори', 'Автор оригинала', 'Auteur', 'Auteure', 'Auteurs', 'Autrice', 'Écrit par', 'Autor', 'Autorin', 'Autoren', 'Verfasser', 'Geschrieben von', 'Autora', 'Autores', 'Escrito por', 'Autore', 'Autori', 'Scritto da']],
  [note('summary'), ['Описание', 'Аннотация', 'Саммари', 'Опис', 'Résumé', 'Synopsis', 'Zusammenfassung', 'Kurzbeschreibung', 'Inhalt', 'Resumen', 'Sinopsis', 'Resumo', 'Sinopse', 'Riassunto', 'Trama']],
  [note('authorsNote'), ['Примечания', 'Примечание', 'Примечания автора', 'Примечание автора', 'От автора', 'Примітки', 'Примітка автора', "Note de l'auteur", "Notes de l'auteur", "Note de l'auteure", "Note de l'autrice", "Mot de l'auteur", 'Anmerkung', 'Anmerkungen', 'Anmerkung des Autors', 'Anmerkung der Autorin', 'Nota', 'Notas', 'Nota del autor', 'Nota de la autora', 'Notas del autor', 'Notas de la autora', 'Nota do autor', 'Nota da autora', 'Notas do autor', 'Notas da autora', "Note dell'autore", "Note dell'autrice", "Nota dell'autore", "Nota dell'autrice"]],
  [note('disclaimer'), ['Дисклеймер', 'Отказ от прав', 'Дисклеймер автора', 'Descargo de responsabilidad', 'Aviso legal']],
  [note('note'), ['Посвящение', 'Присвята', 'Dédicace', 'Widmung', 'Dedicatoria', 'Dedicatória', 'Dedica']],
  [note('rights'), ['Публикация на других ресурсах', 'Права', 'Droits', 'Rechte', 'Derechos', 'Direitos', 'Diritti']],
  [note('series'), ['Серия', 'Цикл', 'Série', 'Reihe', 'Serie']],
  [detail('beta'), ['Бета', 'Беты', 'Бета-ридер', 'Гамма']],
  [detail('fandom'), ['Фэндом', 'Фандом', 'Фэндомы', 'Фандоми']],
  [detail('relationship'), ['Пэйринг и персонажи', 'Пейринг и персонажи', 'Пэйринг', 'Пейринг', 'Пейринги', 'Couple', 'Couples', 'Pareja', 'Parejas', 'Casal', 'Casais', 'Coppia', 'Coppie']],
  [detail('characters'), ['Персонажи', 'Персонажі', 'Personnages', 'Charaktere', 'Figuren', 'Personajes', 'Personagens', 'Personaggi']],
  [detail('rating'), ['Рейтинг', 'Classement', 'Altersfreigabe', 'Clasificación', 'Classificação']],
  [detail('category'), ['Жанры', 'Жанр', 'Жанри', 'Направленность', 'Genre', 'Genres', 'Género', 'Géneros', 'Gênero', 'Gêneros', 'Genere', 'Generi']],
  [detail('warnings'), ['Предупреждения', 'Предупреждение', 'Попередження', 'Avertissement', 'Avertissements', 'Warnung', 'Warnungen', 'Advertencia', 'Advertencias', 'Aviso', 'Avisos', 'Avvertimenti', 'Avvertenze']],
  [detail('words'), ['Размер', 'Объём', 'Розмір', 'Mots', 'Nombre de mots', 'Wörter', 'Wortanzahl', 'Palabras', 'Palavras', 'Parole']],
  [detail('status'), ['Статус', 'Statut', 'Estado', 'Stato']],
  [detail('tags'), ['Метки', 'Мітки', 'Теги', 'Étiquettes']],
  [detail('published'), ['Опубликовано', 'Дата публикации', 'Publié', 'Publiée', 'Veröffentlicht', 'Publicado', 'Pubblicato']],
  [detail('source'), ['Оригинал', 'Ссылка', 'Ссылка на оригинал', 'Lien', 'Quelle', 'Enlace', 'Fonte']],
  [detail('language'), ['Язык', 'Мова', 'Langue', 'Sprache', 'Idioma', 'Lingua']],
];

/** The foreign keys folded, each with its role. */
export const FOREIGN_KEYS: ReadonlyMap<string, KeyRole> = new Map(FOREIGN.flatMap(([role, labels]) => labels.map((l) => [foldKey(l), role] as const)));

/** The foreign labels that may head a section alone on a line before the story (as "Summary" or "Author's Note" do). */
export function foreignSection(line: string): { kind: 'summary' | 'authorsNote' | 'disclaimer' | 'note'; label: string } | null {
  const label = line.trim().replace(/\s*:$/u, '');
  const role = FOREIGN_KEYS.get(foldKey(label));
  if (!role || !('note' in role)) return null;
  const kind = role.note;
  return kind === 'summary' || kind === 'authorsNote' || kind === 'disclaimer' || kind === 'note' ? { kind, label } : null;
}
