import type { NoteKind } from '../model.js';

/**
 * The words the book itself supplies, in one language: headings, the
 * byline's word, the EPUB's navigation names, and the sentences of the
 * Contributors and Rights page. `{names}`, `{editor}`, `{permission}`,
 * `{n}` and `{name}` stand for what is put in; data only, so that a set
 * can be handed to another thread (the cover's) and hashed into a cache key.
 */
export interface LabelSet {
  contents: string;
  unknownAuthor: string;
  untitled: string;
  contributors: string;
  endNotes: string;
  /** The word before a story's authors ("by"); empty in a language that sets the names alone. */
  by: string;
  editedBy: string;
  cover: string;
  landmarks: string;
  startOfStories: string;
  sceneBreak: string;
  /** The word between the last two names of a list. */
  and: string;
  notes: Record<NoteKind, string>;
  rightsOne: string;
  rightsMany: string;
  rightsUnknown: string;
  noClaimEditor: string;
  noClaimBook: string;
  permission: string;
  permissionNone: string;
  partOf: string;
  part: string;
  more: string;
  dcRights: string;
}

const ENGLISH: LabelSet = {
  contents: 'Contents',
  unknownAuthor: 'Author unknown',
  untitled: 'Untitled: known by its opening words',
  contributors: 'Contributors and Rights',
  endNotes: 'Notes',
  by: 'by',
  editedBy: 'Edited by',
  cover: 'Cover',
  landmarks: 'Landmarks',
  startOfStories: 'Start of the stories',
  sceneBreak: 'Scene break',
  and: 'and',
  notes: { disclaimer: 'Disclaimer', authorsNote: 'Author’s Note', rights: 'Archiving', series: 'Series', summary: 'Summary', note: 'Note' },
  rightsOne: 'This story belongs to its author, {names}',
  rightsMany: 'This story belongs to its authors, {names}',
  rightsUnknown: 'This story belongs to its author, whose name is not known.',
  noClaimEditor: 'The editor, {editor}, claims no rights in the stories; each belongs to its author.',
  noClaimBook: 'This anthology claims no rights in the stories; each belongs to its author.',
  permission: 'Permission: {permission}',
  permissionNone: 'Permission: none recorded.',
  partOf: 'Part {n} of {name}',
  part: 'Part {n}',
  more: 'and {n} more',
  dcRights: 'Each story in this anthology belongs to its author; see the Contributors and Rights page.',
};

/**
 * The book's words in the languages whose header keys and chapter
 * headings are read (see `parse/labels.ts`), chosen by the book's
 * language (`language:` in anthology.yaml); any other is English.
 */
export const LABEL_SETS: Readonly<Record<string, LabelSet>> = {
  en: ENGLISH,
  ru: {
    contents: 'Содержание',
    unknownAuthor: 'Автор неизвестен',
    untitled: 'Без названия: по первым словам',
    contributors: 'Авторы и права',
    endNotes: 'Примечания',
    by: '',
    editedBy: 'Составитель:',
    cover: 'Обложка',
    landmarks: 'Ориентиры',
    startOfStories: 'Начало историй',
    sceneBreak: 'Смена сцены',
    and: 'и',
    notes: { disclaimer: 'Отказ от прав', authorsNote: 'Примечание автора', rights: 'Публикация', series: 'Серия', summary: 'Описание', note: 'Примечание' },
    rightsOne: 'Эта история принадлежит своему автору: {names}',
    rightsMany: 'Эта история принадлежит своим авторам: {names}',
    rightsUnknown: 'Эта история принадлежит своему автору, имя которого неизвестно.',
    noClaimEditor: 'Составитель, {editor}, не претендует на права на истории; каждая принадлежит своему автору.',
    noClaimBook: 'Эта антология не претендует на права на истории; каждая принадлежит своему автору.',
    permission: 'Разрешение: {permission}',
    permissionNone: 'Разрешение: не записано.',
    partOf: 'Часть {n}: {name}',
    part: 'Часть {n}',
    more: 'и ещё {n}',
    dcRights: 'Каждая история в этой антологии принадлежит своему автору; см. страницу «Авторы и права».',
  },
  uk: {
    contents: 'Зміст',
    unknownAuthor: 'Автор невідомий',
    untitled: 'Без назви: за першими словами',
    contributors: 'Автори та права',
    endNotes: 'Примітки',
    by: '',
    editedBy: 'Упорядник:',
    cover: 'Обкладинка',
    landmarks: 'Орієнтири',
    startOfStories: 'Початок історій',
    sceneBreak: 'Зміна сцени',
    and: 'і',
    notes: { disclaimer: 'Відмова від прав', authorsNote: 'Примітка автора', rights: 'Публікація', series: 'Серія', summary: 'Опис', note: 'Примітка' },
    rightsOne: 'Ця історія належить своєму авторові: {names}',
    rightsMany: 'Ця історія належить своїм авторам: {names}',
    rightsUnknown: 'Ця історія належить своєму авторові, чиє ім’я невідоме.',
    noClaimEditor: 'Упорядник, {editor}, не претендує на права на історії; кожна належить своєму авторові.',
    noClaimBook: 'Ця антологія не претендує на права на історії; кожна належить своєму авторові.',
    permission: 'Дозвіл: {permission}',
    permissionNone: 'Дозвіл: не записано.',
    partOf: 'Частина {n}: {name}',
    part: 'Частина {n}',
    more: 'і ще {n}',
    dcRights: 'Кожна історія в цій антології належить своєму авторові; див. сторінку «Автори та права».',
  },
  fr: {
    contents: 'Table des matières',
    unknownAuthor: 'Auteur inconnu',
    untitled: 'Sans titre\u00A0: désigné par ses premiers mots',
    contributors: 'Auteurs et droits',
    endNotes: 'Notes',
    by: 'par',
    editedBy: 'Sous la direction de',
    cover: 'Couverture',
    landmarks: 'Repères',
    startOfStories: 'Début des histoires',
    sceneBreak: 'Changement de scène',
    and: 'et',
    notes: { disclaimer: 'Avertissement', authorsNote: 'Note de l’auteur', rights: 'Archivage', series: 'Série', summary: 'Résumé', note: 'Note' },
    rightsOne: 'Cette histoire appartient à son auteur, {names}',
    rightsMany: 'Cette histoire appartient à ses auteurs, {names}',
    rightsUnknown: 'Cette histoire appartient à son auteur, dont le nom n’est pas connu.',
    noClaimEditor: 'L’éditeur, {editor}, ne revendique aucun droit sur les histoires\u202F; chacune appartient à son auteur.',
    noClaimBook: 'Cette anthologie ne revendique aucun droit sur les histoires\u202F; chacune appartient à son auteur.',
    permission: 'Autorisation\u00A0: {permission}',
    permissionNone: 'Autorisation\u00A0: aucune enregistrée.',
    partOf: 'Partie {n} de {name}',
    part: 'Partie {n}',
    more: 'et {n} autres',
    dcRights: 'Chaque histoire de cette anthologie appartient à son auteur\u202F; voir la page «\u00A0Auteurs et droits\u00A0».',
  },
  de: {
    contents: 'Inhalt',
    unknownAuthor: 'Autor unbekannt',
    untitled: 'Ohne Titel: nach den ersten Worten benannt',
    contributors: 'Autoren und Rechte',
    endNotes: 'Anmerkungen',
    by: 'von',
    editedBy: 'Herausgegeben von',
    cover: 'Umschlag',
    landmarks: 'Orientierungspunkte',
    startOfStories: 'Beginn der Geschichten',
    sceneBreak: 'Szenenwechsel',
    and: 'und',
    notes: { disclaimer: 'Haftungsausschluss', authorsNote: 'Anmerkung des Autors', rights: 'Archivierung', series: 'Reihe', summary: 'Zusammenfassung', note: 'Anmerkung' },
    rightsOne: 'Diese Geschichte gehört ihrem Autor, {names}',
    rightsMany: 'Diese Geschichte gehört ihren Autoren, {names}',
    rightsUnknown: 'Diese Geschichte gehört ihrem Autor, dessen Name nicht bekannt ist.',
    noClaimEditor: 'Der Herausgeber, {editor}, beansprucht keine Rechte an den Geschichten; jede gehört ihrem Autor.',
    noClaimBook: 'Diese Anthologie beansprucht keine Rechte an den Geschichten; jede gehört ihrem Autor.',
    permission: 'Erlaubnis: {permission}',
    permissionNone: 'Erlaubnis: keine verzeichnet.',
    partOf: 'Teil {n} von {name}',
    part: 'Teil {n}',
    more: 'und {n} weitere',
    dcRights: 'Jede Geschichte dieser Anthologie gehört ihrem Autor; siehe die Seite „Autoren und Rechte“.',
  },
  es: {
    contents: 'Índice',
    unknownAuthor: 'Autor desconocido',
    untitled: 'Sin título: conocido por sus primeras palabras',
    contributors: 'Autores y derechos',
    endNotes: 'Notas',
    by: 'por',
    editedBy: 'Edición de',
    cover: 'Cubierta',
    landmarks: 'Puntos de referencia',
    startOfStories: 'Comienzo de las historias',
    sceneBreak: 'Cambio de escena',
    and: 'y',
    notes: { disclaimer: 'Descargo de responsabilidad', authorsNote: 'Nota del autor', rights: 'Archivo', series: 'Serie', summary: 'Resumen', note: 'Nota' },
    rightsOne: 'Esta historia pertenece a su autor, {names}',
    rightsMany: 'Esta historia pertenece a sus autores, {names}',
    rightsUnknown: 'Esta historia pertenece a su autor, cuyo nombre no se conoce.',
    noClaimEditor: 'El editor, {editor}, no reclama ningún derecho sobre las historias; cada una pertenece a su autor.',
    noClaimBook: 'Esta antología no reclama ningún derecho sobre las historias; cada una pertenece a su autor.',
    permission: 'Permiso: {permission}',
    permissionNone: 'Permiso: no consta ninguno.',
    partOf: 'Parte {n} de {name}',
    part: 'Parte {n}',
    more: 'y {n} más',
    dcRights: 'Cada historia de esta antología pertenece a su autor; véase la página «Autores y derechos».',
  },
  pt: {
    contents: 'Sumário',
    unknownAuthor: 'Autor desconhecido',
    untitled: 'Sem título: conhecido pelas primeiras palavras',
    contributors: 'Autores e direitos',
    endNotes: 'Notas',
    by: 'por',
    editedBy: 'Organização de',
    cover: 'Capa',
    landmarks: 'Pontos de referência',
    startOfStories: 'Início das histórias',
    sceneBreak: 'Mudança de cena',
    and: 'e',
    notes: { disclaimer: 'Aviso legal', authorsNote: 'Nota do autor', rights: 'Arquivamento', series: 'Série', summary: 'Resumo', note: 'Nota' },
    rightsOne: 'Esta história pertence ao seu autor, {names}',
    rightsMany: 'Esta história pertence aos seus autores, {names}',
    rightsUnknown: 'Esta história pertence ao seu autor, cujo nome não é conhecido.',
    noClaimEditor: 'O organizador, {editor}, não reivindica nenhum direito sobre as histórias; cada uma pertence ao seu autor.',
    noClaimBook: 'Esta antologia não reivindica nenhum direito sobre as histórias; cada uma pertence ao seu autor.',
    permission: 'Permissão: {permission}',
    permissionNone: 'Permissão: nenhuma registrada.',
    partOf: 'Parte {n} de {name}',
    part: 'Parte {n}',
    more: 'e mais {n}',
    dcRights: 'Cada história desta antologia pertence ao seu autor; veja a página “Autores e direitos”.',
  },
  it: {
    contents: 'Indice',
    unknownAuthor: 'Autore sconosciuto',
    untitled: 'Senza titolo: indicato dalle prime parole',
    contributors: 'Autori e diritti',
    endNotes: 'Note',
    by: 'di',
    editedBy: 'A cura di',
    cover: 'Copertina',
    landmarks: 'Punti di riferimento',
    startOfStories: 'Inizio delle storie',
    sceneBreak: 'Cambio di scena',
    and: 'e',
    notes: { disclaimer: 'Esclusione di responsabilità', authorsNote: 'Nota dell’autore', rights: 'Archiviazione', series: 'Serie', summary: 'Riassunto', note: 'Nota' },
    rightsOne: 'Questa storia appartiene al suo autore, {names}',
    rightsMany: 'Questa storia appartiene ai suoi autori, {names}',
    rightsUnknown: 'Questa storia appartiene al suo autore, il cui nome non è noto.',
    noClaimEditor: 'Il curatore, {editor}, non rivendica alcun diritto sulle storie; ciascuna appartiene al suo autore.',
    noClaimBook: 'Questa antologia non rivendica alcun diritto sulle storie; ciascuna appartiene al suo autore.',
    permission: 'Permesso: {permission}',
    permissionNone: 'Permesso: nessuno registrato.',
    partOf: 'Parte {n} di {name}',
    part: 'Parte {n}',
    more: 'e altri {n}',
    dcRights: 'Ogni storia di questa antologia appartiene al suo autore; vedi la pagina «Autori e diritti».',
  },
};

/** The book's words for a language tag ("ru", "pt-BR"): by its primary subtag, English for one without a set. */
export function labelsFor(language: string): LabelSet {
  return LABEL_SETS[language.toLowerCase().split('-')[0]!] ?? ENGLISH;
}
